package io.sealgate.signing.service;

import io.sealgate.signing.RevocationSource;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.SigningUnavailableException;
import io.sealgate.signing.TimestampSource;
import io.sealgate.signing.keys.DevCa;
import io.sealgate.signing.keys.KeyVault;
import io.sealgate.signing.log.FileLogStore;
import io.sealgate.signing.log.LogEntry;
import io.sealgate.signing.log.LogException;
import io.sealgate.signing.log.LogLeaf;
import io.sealgate.signing.log.LogStore;
import io.sealgate.signing.log.PostgresLogStore;
import io.sealgate.signing.log.LogSequencer;
import io.sealgate.signing.log.SignatureLog;
import io.sealgate.signing.revocation.DevCaRevocationSource;
import io.sealgate.signing.revocation.OnlineRevocationSource;
import io.sealgate.signing.tsa.EmbeddedTsa;
import io.sealgate.signing.tsa.Rfc3161Client;
import io.sealgate.signing.verify.Verifier;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a {@link SigningService} holds open: the vault, the dev CA when the token has one, the TSA, the revocation
 * source, the signature log with its background {@link LogSequencer}, and the verifier. {@link #open} closes what it
 * opened when a later part fails.
 */
record ServiceResources(KeyVault vault, Optional<DevCa> devCa, TimestampSource tsa, RevocationSource revocation,
                        SignatureLog log, LogSequencer sequencer, Verifier verifier, KeyUseContexts guard)
        implements AutoCloseable {

    /** The background integration runs at least this often, and twice per reservation timeout when that is shorter. */
    static final Duration SEQUENCER_PERIOD = Duration.ofSeconds(30);

    /** The label of the signature log's key in the token. */
    static final String LOG_KEY = "sealgate-log";
    /** Prefix of the identity under which the organisation seal key is used (a user id never has a colon). */
    static final String SEAL_IDENTITY_PREFIX = "seal:";
    private static final int SCAN_BATCH = 1000;

    static ServiceResources open(SigningServiceSettings s) throws SigningException {
        KeyUseContexts guard = new KeyUseContexts(s.keyRules(), identity -> configuredKey(s, identity),
                s.sealKeyLabel(), SEAL_IDENTITY_PREFIX + s.organisation());
        KeyVault vault = KeyVault.open(s.token(), guard);
        try {
            Optional<DevCa> ca = vault.info(DevCa.LABEL).isPresent() ? Optional.of(DevCa.open(vault))
                    : Optional.empty();
            TimestampSource tsa = s.tsaUrl().isPresent()
                    ? new Rfc3161Client(s.tsaUrl().get(), s.timeout(), null)
                    : EmbeddedTsa.open(vault);
            OnlineRevocationSource online = new OnlineRevocationSource(s.timeout());
            RevocationSource revocation = ca.filter(c -> s.devCaRevocation())
                    .<RevocationSource>map(c -> new DevCaRevocationSource(c, online)).orElse(online);
            List<X509Certificate> anchors = new ArrayList<>(s.trustAnchors());
            if (s.trustDevCa()) {
                ca.ifPresent(c -> anchors.add(c.root()));
            }
            Verifier verifier = Verifier.builder().trustAnchors(anchors).revocationSource(revocation)
                    .maxDocumentBytes(s.maxDocumentBytes()).clock(s.clock()).build();
            SignatureLog log = openLog(s, vault);
            try {
                seedCounts(log, guard, s.clock().instant());
            } catch (LogException e) {
                log.close();
                throw e;
            }
            LogSequencer sequencer = LogSequencer.start(log, sequencerPeriod(s.log().reservationTimeout()));
            return new ServiceResources(vault, ca, tsa, revocation, log, sequencer, verifier, guard);
        } catch (LogException e) {
            vault.close();
            throw new SigningUnavailableException("cannot open the signature log: " + e.getMessage(), e);
        } catch (SigningException | RuntimeException e) {
            vault.close();
            throw e;
        }
    }

    /** {@link #SEQUENCER_PERIOD}, or half the reservation timeout when that is shorter, but at least a second. */
    static Duration sequencerPeriod(Duration reservationTimeout) {
        Duration half = reservationTimeout.dividedBy(2);
        if (half.compareTo(Duration.ofSeconds(1)) < 0) {
            return Duration.ofSeconds(1);
        }
        return half.compareTo(SEQUENCER_PERIOD) < 0 ? half : SEQUENCER_PERIOD;
    }

    static String configuredKey(SigningServiceSettings s, String identity) {
        if (identity.equals(SEAL_IDENTITY_PREFIX + s.organisation())) {
            return s.sealKeyLabel();
        }
        // another organisation's seal identity, or anything else with a colon, gets no key; and no user gets the
        // seal key, whatever the user table says: the seal is applied only when the process calls for it
        if (identity.contains(":") || s.keyLabelOf(identity).equals(s.sealKeyLabel())) {
            return "";
        }
        return s.keyLabelOf(identity);
    }

    private static SignatureLog openLog(SigningServiceSettings s, KeyVault vault) throws SigningException {
        LogStore store = s.log().directory().isPresent() ? FileLogStore.open(s.log().directory().get())
                : PostgresLogStore.open(s.log().jdbcUrl().orElseThrow(), s.log().jdbcProperties(),
                        s.log().reservationTimeout());
        try {
            return SignatureLog.open(store, vault.systemKey(LOG_KEY),
                    new SignatureLog.Options(s.log().treeHeadEvery(), s.clock()));
        } catch (SigningException | RuntimeException e) {
            try {
                store.close();
            } catch (LogException ignored) {
                // already failing; the first error says why
            }
            throw e;
        }
    }

    /** Counts today's signatures per key from the log's tail, so daily limits survive a restart. */
    private static void seedCounts(SignatureLog log, KeyUseContexts guard, Instant now) throws LogException {
        Instant startOfDay = now.atOffset(ZoneOffset.UTC).toLocalDate().atStartOfDay().toInstant(ZoneOffset.UTC);
        long to = log.size();
        while (to > 0) {
            long from = Math.max(0, to - SCAN_BATCH);
            List<LogLeaf> leaves = log.entries(from, to);
            for (int i = leaves.size() - 1; i >= 0; i--) {
                if (leaves.get(i) instanceof LogEntry e) {
                    if (e.time().isBefore(startOfDay)) {
                        return;
                    }
                    guard.count(e.keyLabel(), e.time());
                }
            }
            to = from;
        }
    }

    @Override
    public void close() {
        sequencer.close();
        try {
            log.close();
        } catch (LogException e) {
            org.slf4j.LoggerFactory.getLogger(SigningService.class).warn("Cannot close the signature log: {}",
                    e.getMessage(), e);
        } finally {
            vault.close();
        }
    }
}
