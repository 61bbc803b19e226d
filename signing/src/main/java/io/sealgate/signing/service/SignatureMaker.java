package io.sealgate.signing.service;

import io.sealgate.policy.KeyUse;
import io.sealgate.policy.KeyUseContext;
import io.sealgate.signing.RevocationSource;
import io.sealgate.signing.SealgateAttributes;
import io.sealgate.signing.SignatureLevel;
import io.sealgate.signing.SignatureRequest;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.SigningKey;
import io.sealgate.signing.SigningUnavailableException;
import io.sealgate.signing.TimestampSource;
import io.sealgate.signing.UnsignedAttributeProvider;
import io.sealgate.signing.cades.CadesLevel;
import io.sealgate.signing.cades.CadesParameters;
import io.sealgate.signing.cades.CadesSigner;
import io.sealgate.signing.keys.KeyVault;
import io.sealgate.signing.log.DeliveryStatus;
import io.sealgate.signing.log.LogEntry;
import io.sealgate.signing.log.LogException;
import io.sealgate.signing.log.ReservationLostException;
import io.sealgate.signing.log.SignatureLog;
import io.sealgate.signing.pades.PadesLevel;
import io.sealgate.signing.pades.PadesParameters;
import io.sealgate.signing.pades.PadesSigner;

import org.bouncycastle.asn1.ASN1Integer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one signature and its signature log entry, with the entry's index embedded in the signature as the
 * unsigned attribute {@link SealgateAttributes#LOG_ENTRY_INDEX}.
 *
 * <p>The entry holds the SHA-256 of the finished document, which contains the index, so the index is reserved in
 * the log ({@link SignatureLog#reserve}) once the token has signed, by the signer's {@link UnsignedAttributeProvider},
 * and the entry is filled in at exactly that index once the document is finished; a signature that fails in between
 * abandons its reservation. With the shared PostgreSQL store, reservations of every instance are outstanding at
 * the same time, so documents are finished in parallel; the file store allows one reservation at a time, which
 * serialises finishing documents (writing the CMS, and for B-LT/B-LTA the validation data and document timestamp)
 * as a lock would. The one case where the document is discarded and the caller told to retry (a
 * {@link SigningUnavailableException}) is a reservation that outlived the store's reservation timeout and was voided
 * by another instance.
 */
final class SignatureMaker {

    /** What kind of signature to make. */
    enum Mode { PADES, CADES_DETACHED, CADES_COUNTER }

    /**
     * One signature to make.
     *
     * @param input    PAdES: the PDF; detached CAdES: the content; counter-signature: the existing {@code .p7s}
     * @param signer   the user id, or the organisation id for the seal
     * @param use      the key use the vault checks
     * @param context  the facts for the key usage rules; its count of today's signatures is replaced by the
     *                 key's reserved count
     * @param manifest the process manifest JSON the signature must cover (creator only)
     */
    record Job(Mode mode, Path input, Path output, String documentName, String signer, KeyUse use,
               KeyUseContext context, Optional<String> template, Optional<String> step, Optional<String> manifest,
               RequestContext request) {
    }

    private final KeyVault vault;
    private final SignatureLog log;
    private final KeyUseContexts guard;
    private final SignatureLevel level;
    private final TimestampSource tsa;
    private final RevocationSource revocation;
    private static final Logger logger = LoggerFactory.getLogger(SignatureMaker.class);

    private final Clock clock;
    /** Runs once an index is reserved; tests use it to let another instance append in between. */
    volatile Runnable afterReservation = () -> { };
    private final PadesSigner pades;
    private final CadesSigner cades;

    SignatureMaker(KeyVault vault, SignatureLog log, KeyUseContexts guard, SignatureLevel level, TimestampSource tsa,
                   RevocationSource revocation, Clock clock) {
        this.vault = vault;
        this.log = log;
        this.guard = guard;
        this.level = level;
        this.tsa = tsa;
        this.revocation = revocation;
        this.clock = clock;
        this.pades = new PadesSigner(clock);
        this.cades = new CadesSigner(clock);
    }

    /**
     * Makes the signature. The key's count for today is taken and raised in one step before signing, so that
     * parallel requests cannot both pass a daily limit; it is given back when the signature fails before it was
     * logged.
     */
    AppliedSignature sign(Job job) throws SigningException {
        KeyUseContext c = job.context();
        long before = guard.reserve(job.use().keyLabel(), c.at());
        KeyUseContext counted = new KeyUseContext(c.roles(), c.route(), c.templateId(), c.stepId(), c.at(), before);
        boolean[] logged = {false};
        try {
            return guard.within(counted, () -> signInContext(job, logged));
        } finally {
            if (!logged[0]) {
                guard.release(job.use().keyLabel(), c.at());
            }
        }
    }

    private AppliedSignature signInContext(Job job, boolean[] logged) throws SigningException {
        SigningKey key = vault.key(job.use().keyLabel(), job.use());
        String before = sha256(job.input());
        byte[][] signatureValue = new byte[1][];
        SignatureLog.Reservation[] reservation = new SignatureLog.Reservation[1];
        UnsignedAttributeProvider logIndex = value -> {
            signatureValue[0] = value;
            try {
                // A signer may ask again for the same signature (a size estimate first): one reservation.
                if (reservation[0] == null) {
                    reservation[0] = log.reserve(job.request().requestId());
                    afterReservation.run();
                }
                return Map.of(SealgateAttributes.LOG_ENTRY_INDEX,
                        new ASN1Integer(reservation[0].index()).getEncoded());
            } catch (LogException | IOException e) {
                throw unavailable(job, e);
            }
        };
        try {
            try {
                switch (job.mode()) {
                    case PADES -> pades.sign(job.input(), job.output(), padesParameters(job, key, logIndex), key);
                    case CADES_DETACHED -> cades.sign(job.input(), job.output(), cadesParameters(job, logIndex),
                            key);
                    case CADES_COUNTER -> cades.counterSign(job.input(), job.output(),
                            cadesParameters(job, logIndex), key);
                }
            } catch (SigningException e) {
                throw SigningErrors.named(e, job.input(), job.documentName());
            }
            if (signatureValue[0] == null || reservation[0] == null) {
                throw new SigningException("cannot sign " + job.documentName() + " for " + job.signer()
                        + ": the signer did not report its signature value");
            }
            Instant now = clock.instant();
            LogEntry entry = new LogEntry(now, job.signer(), job.request().authentication(), key.label(),
                    certificateSha256(key), job.documentName(), before, sha256(job.output()),
                    hex(digest(signatureValue[0])), job.template(), job.step(), job.request().route(),
                    job.request().requestId(), DeliveryStatus.PENDING);
            long index = fill(job, reservation[0], entry);
            logged[0] = true;
            return new AppliedSignature(job.signer(), key.label(), job.step(), index);
        } finally {
            if (reservation[0] != null && !logged[0]) {
                abandon(job, reservation[0]);
            }
        }
    }

    /** Appends a delivery status leaf for the entry at {@code entryIndex}. */
    long appendStatus(long entryIndex, DeliveryStatus status, String requestId, Optional<String> detail)
            throws LogException {
        return log.appendStatus(entryIndex, status, requestId, detail);
    }

    private long fill(Job job, SignatureLog.Reservation reservation, LogEntry entry) throws SigningException {
        try {
            return log.fill(reservation, entry);
        } catch (ReservationLostException e) {
            // Rare: finishing the document outlived the reservation timeout and another instance voided the index
            // the document embeds. That document must never reach anyone.
            deleteQuietly(job.output());
            throw new SigningUnavailableException("cannot sign " + job.documentName() + " for " + job.signer()
                    + ": the signature embeds log index " + reservation.index() + " but that index was voided"
                    + " before the entry could be stored (finishing the document took too long); the document was"
                    + " discarded; try again", e);
        } catch (LogException e) {
            deleteQuietly(job.output());
            throw unavailable(job, e);
        }
    }

    private void abandon(Job job, SignatureLog.Reservation reservation) {
        deleteQuietly(job.output());
        try {
            log.abandon(reservation, "signing failed after the index was reserved");
        } catch (LogException | RuntimeException e) {
            // The shared store voids it after its reservation timeout; the file store frees it in any case.
            logger.warn("Signature log: cannot give up entry {} reserved for request {}: {}", reservation.index(),
                    job.request().requestId(), e.getMessage());
        }
    }

    private PadesParameters padesParameters(Job job, SigningKey key, UnsignedAttributeProvider provider)
            throws SigningException {
        return PadesParameters.builder(padesLevel()).options(options(job, provider))
                .signerName(key.certificate().getSubjectX500Principal().getName()).build();
    }

    private CadesParameters cadesParameters(Job job, UnsignedAttributeProvider provider) throws SigningException {
        CadesLevel cadesLevel = switch (level) {
            case B_B -> CadesLevel.BASELINE_B;
            case B_T -> CadesLevel.BASELINE_T;
            // B-LTA needs an archive timestamp CAdES does not offer yet: B-LT is the closest
            case B_LT, B_LTA -> CadesLevel.BASELINE_LT;
        };
        return CadesParameters.builder(cadesLevel).options(options(job, provider)).signingTime(clock.instant())
                .build();
    }

    /** What both formats carry: the Sealgate attributes, the log index provider, and the sources the level needs. */
    private SignatureRequest options(Job job, UnsignedAttributeProvider provider) {
        SignatureRequest.Builder b = SignatureRequest.builder(level)
                .requestId(job.request().requestId())
                .unsignedAttributes(provider)
                .processStepId(job.step().orElse(null))
                .processManifest(job.manifest().orElse(null));
        if (level != SignatureLevel.B_B) {
            b.timestampSource(tsa);
        }
        if (level == SignatureLevel.B_LT || level == SignatureLevel.B_LTA) {
            b.revocationSource(revocation);
        }
        return b.build();
    }

    private PadesLevel padesLevel() {
        return switch (level) {
            case B_B -> PadesLevel.BASELINE_B;
            case B_T -> PadesLevel.BASELINE_T;
            case B_LT -> PadesLevel.BASELINE_LT;
            case B_LTA -> PadesLevel.BASELINE_LTA;
        };
    }

    private static SigningUnavailableException unavailable(Job job, Exception e) {
        return new SigningUnavailableException("cannot sign " + job.documentName() + " for " + job.signer()
                + ": the signature log is unavailable: " + e.getMessage(), e);
    }

    private static String certificateSha256(SigningKey key) throws SigningException {
        try {
            return hex(digest(key.certificate().getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new SigningException("cannot encode the certificate of key '" + key.label() + "'", e);
        }
    }

    static String sha256(Path file) throws SigningException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
            return hex(md.digest());
        } catch (IOException e) {
            throw new SigningException("cannot read " + file.getFileName() + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    static byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover spool file is named as ours and harmless
        }
    }
}
