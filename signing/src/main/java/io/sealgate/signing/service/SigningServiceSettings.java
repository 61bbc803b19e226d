package io.sealgate.signing.service;

import io.sealgate.config.ConfigException;
import io.sealgate.config.LogConfig;
import io.sealgate.config.OrganisationConfig;
import io.sealgate.config.SealgateConfig;
import io.sealgate.config.SigningSettings;
import io.sealgate.config.TokenConfig;
import io.sealgate.config.UserConfig;
import io.sealgate.policy.KeyUsageGuard;
import io.sealgate.policy.KeyUsageRules;
import io.sealgate.policy.ProcessTemplates;
import io.sealgate.signing.SignatureLevel;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.log.PostgresLogStore;
import io.sealgate.signing.verify.Verifier;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Everything {@link SigningService#open} needs, independent of how it was configured. Immutable; {@link #from}
 * derives it from the YAML config, {@link #defaults} gives a fresh install's, and the {@code with...} methods
 * return changed copies.
 *
 * @param token             the PKCS#11 token with the users' keys, the seal key and Sealgate's own keys
 * @param organisation      this organisation as certificates name it ({@code O=}) and manifests record it
 * @param sealKeyLabel      the label of the organisation seal key in the token
 * @param level             the baseline level of every signature (PDF: PAdES; other files: CAdES, at most B-LT)
 * @param tsaUrl            an RFC 3161 TSA; empty: the embedded TSA in the token
 * @param timeout           bound on TSA and revocation requests
 * @param devCaRevocation   whether the token's dev CA answers revocation requests for its own certificates in
 *                          process ({@code signing.revocation: embedded}); other certificates are checked online
 * @param log               where the signature log lives
 * @param userKeys          user id &rarr; key label, from {@code users.<id>.key}; a user not listed signs with the
 *                          key labelled with the user id
 * @param keyRules          key usage rules; their base guard should be {@link KeyUsageGuard#ALLOW_ALL}, since the
 *                          service itself allows each user only the configured key (see {@link #keyLabelOf})
 * @param trustAnchors      certificates the verifier trusts besides the dev CA root (when {@code trustDevCa})
 * @param trustDevCa        whether the token's dev CA root is a trust anchor
 * @param spoolDirectory    where signed outputs are written; the caller deletes them after use
 * @param maxDocumentBytes  larger documents are refused
 * @param clock             the clock for manifests and the daily key counters
 */
public record SigningServiceSettings(TokenConfig token, String organisation, String sealKeyLabel,
                                     SignatureLevel level, Optional<URI> tsaUrl, Duration timeout,
                                     boolean devCaRevocation, LogSettings log, Map<String, String> userKeys,
                                     KeyUsageRules keyRules, List<X509Certificate> trustAnchors, boolean trustDevCa,
                                     Path spoolDirectory, long maxDocumentBytes, Clock clock) {

    public SigningServiceSettings {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(sealKeyLabel, "sealKeyLabel");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(tsaUrl, "tsaUrl");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(log, "log");
        userKeys = Map.copyOf(userKeys);
        Objects.requireNonNull(keyRules, "keyRules");
        trustAnchors = List.copyOf(trustAnchors);
        Objects.requireNonNull(spoolDirectory, "spoolDirectory");
        if (maxDocumentBytes <= 0) {
            throw new IllegalArgumentException("maxDocumentBytes: " + maxDocumentBytes + " (expected: > 0)");
        }
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * Settings with the defaults of a fresh install: level B-T, the embedded TSA, dev CA revocation, the dev CA as
     * the only trust anchor, no key rules, and {@link Verifier#DEFAULT_MAX_DOCUMENT_BYTES}.
     */
    public static SigningServiceSettings defaults(TokenConfig token, String organisation, String sealKeyLabel,
                                                  LogSettings log, Path spoolDirectory) {
        return new SigningServiceSettings(token, organisation, sealKeyLabel, SignatureLevel.B_T, Optional.empty(),
                Duration.ofSeconds(10), true, log, Map.of(), noRules(), List.of(), true, spoolDirectory,
                Verifier.DEFAULT_MAX_DOCUMENT_BYTES, Clock.systemUTC());
    }

    /**
     * The settings of a loaded config: {@code token}, {@code organisation}, {@code signing}, {@code log},
     * {@code users.<id>.key} and {@code key-rules}. Trust anchors are read from the {@code signing.trust} PEM files.
     *
     * @throws SigningException when the config has no token or organisation, a key rule is invalid, or a trust
     *         file cannot be read
     */
    public static SigningServiceSettings from(SealgateConfig config) throws SigningException {
        TokenConfig token = config.token().orElseThrow(() -> new SigningException(
                "signing needs a token (expected: a token section in the config)"));
        OrganisationConfig organisation = config.organisation().orElseThrow(() -> new SigningException(
                "signing needs an organisation (expected: an organisation section in the config)"));
        SigningSettings signing = config.signing();
        Map<String, String> userKeys = new LinkedHashMap<>();
        for (UserConfig user : config.users().values()) {
            userKeys.put(user.id(), user.key());
        }
        KeyUsageRules rules;
        try {
            // ownership (each user only their configured key) is enforced by the service itself
            rules = ProcessTemplates.keyUsageRulesBuilder(config).base(KeyUsageGuard.ALLOW_ALL).build();
        } catch (ConfigException e) {
            throw new SigningException("invalid key rules: " + e.getMessage(), e);
        }
        List<X509Certificate> anchors = new ArrayList<>();
        for (Path pem : signing.trust()) {
            anchors.addAll(readCertificates(pem));
        }
        return new SigningServiceSettings(token, organisation.name(), organisation.sealKey(),
                SignatureLevel.parse(signing.level().yamlName()), signing.tsa(), Duration.ofSeconds(10),
                signing.revocation() == SigningSettings.Revocation.EMBEDDED, LogSettings.of(config.log()), userKeys,
                rules, anchors, true, signing.spoolDir(), signing.maxDocumentSize(), Clock.systemUTC());
    }

    /** The key label of {@code userId}: the configured one, else the user id. */
    public String keyLabelOf(String userId) {
        return userKeys.getOrDefault(userId, userId);
    }

    public SigningServiceSettings withLevel(SignatureLevel newLevel) {
        return new SigningServiceSettings(token, organisation, sealKeyLabel, newLevel, tsaUrl, timeout,
                devCaRevocation, log, userKeys, keyRules, trustAnchors, trustDevCa, spoolDirectory, maxDocumentBytes,
                clock);
    }

    public SigningServiceSettings withUserKeys(Map<String, String> keys) {
        return new SigningServiceSettings(token, organisation, sealKeyLabel, level, tsaUrl, timeout,
                devCaRevocation, log, keys, keyRules, trustAnchors, trustDevCa, spoolDirectory, maxDocumentBytes,
                clock);
    }

    public SigningServiceSettings withKeyRules(KeyUsageRules rules) {
        return new SigningServiceSettings(token, organisation, sealKeyLabel, level, tsaUrl, timeout,
                devCaRevocation, log, userKeys, rules, trustAnchors, trustDevCa, spoolDirectory, maxDocumentBytes,
                clock);
    }

    public SigningServiceSettings withTrustAnchors(List<X509Certificate> anchors, boolean devCa) {
        return new SigningServiceSettings(token, organisation, sealKeyLabel, level, tsaUrl, timeout,
                devCaRevocation, log, userKeys, keyRules, anchors, devCa, spoolDirectory, maxDocumentBytes, clock);
    }

    public SigningServiceSettings withTsa(Optional<URI> url) {
        return new SigningServiceSettings(token, organisation, sealKeyLabel, level, url, timeout, devCaRevocation,
                log, userKeys, keyRules, trustAnchors, trustDevCa, spoolDirectory, maxDocumentBytes, clock);
    }

    public SigningServiceSettings withMaxDocumentBytes(long bytes) {
        return new SigningServiceSettings(token, organisation, sealKeyLabel, level, tsaUrl, timeout,
                devCaRevocation, log, userKeys, keyRules, trustAnchors, trustDevCa, spoolDirectory, bytes, clock);
    }

    private static KeyUsageRules noRules() {
        try {
            return KeyUsageRules.builder().base(KeyUsageGuard.ALLOW_ALL).build();
        } catch (ConfigException e) {
            throw new AssertionError("no rules cannot be invalid", e);
        }
    }

    private static List<X509Certificate> readCertificates(Path pem) throws SigningException {
        try (InputStream in = Files.newInputStream(pem)) {
            List<X509Certificate> out = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new SigningException("trust anchor file " + pem + " holds no certificate");
            }
            return out;
        } catch (IOException | CertificateException e) {
            throw new SigningException("cannot read trust anchor file " + pem + ": " + e.getMessage(), e);
        }
    }

    /**
     * Where the signature log lives: a directory ({@code log.store: file}) or a PostgreSQL database
     * ({@code log.store: postgres}); exactly one is set.
     *
     * @param directory      the file store's directory
     * @param jdbcUrl        the PostgreSQL JDBC URL
     * @param jdbcProperties user, password and other driver properties
     * @param treeHeadEvery  sign a tree head after this many appends
     * @param reservationTimeout PostgreSQL only: how long a reserved log index may stay unfilled before another
     *                           instance voids it (see {@link PostgresLogStore#DEFAULT_RESERVATION_TIMEOUT})
     */
    public record LogSettings(Optional<Path> directory, Optional<String> jdbcUrl, Properties jdbcProperties,
                              int treeHeadEvery, Duration reservationTimeout) {

        public LogSettings {
            Objects.requireNonNull(directory, "directory");
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            if (directory.isPresent() == jdbcUrl.isPresent()) {
                throw new IllegalArgumentException("log: directory " + directory + ", jdbcUrl " + jdbcUrl
                        + " (expected: exactly one)");
            }
            Properties copy = new Properties();
            copy.putAll(Objects.requireNonNull(jdbcProperties, "jdbcProperties"));
            jdbcProperties = copy;
            if (treeHeadEvery < 1) {
                throw new IllegalArgumentException("treeHeadEvery: " + treeHeadEvery + " (expected: >= 1)");
            }
            if (reservationTimeout.isNegative()) {
                throw new IllegalArgumentException("reservationTimeout: " + reservationTimeout
                        + " (expected: >= 0)");
            }
        }

        public static LogSettings file(Path directory) {
            return new LogSettings(Optional.of(directory), Optional.empty(), new Properties(), 1,
                    PostgresLogStore.DEFAULT_RESERVATION_TIMEOUT);
        }

        public static LogSettings postgres(String jdbcUrl, Properties properties) {
            return new LogSettings(Optional.empty(), Optional.of(jdbcUrl), properties, 1,
                    PostgresLogStore.DEFAULT_RESERVATION_TIMEOUT);
        }

        public LogSettings withReservationTimeout(Duration timeout) {
            return new LogSettings(directory, jdbcUrl, jdbcProperties, treeHeadEvery, timeout);
        }

        static LogSettings of(LogConfig log) {
            if (log.store() == LogConfig.Store.FILE) {
                return new LogSettings(Optional.of(log.directory()), Optional.empty(), new Properties(),
                        log.treeHeadEvery(), log.reservationTimeout());
            }
            Properties properties = new Properties();
            log.user().ifPresent(u -> properties.setProperty("user", u));
            log.password().ifPresent(p -> properties.setProperty("password", p.reveal()));
            return new LogSettings(Optional.empty(), log.jdbcUrl(), properties, log.treeHeadEvery(),
                    log.reservationTimeout());
        }

        @Override
        public String toString() {
            // jdbcProperties may hold a password
            return "LogSettings[" + directory.map(Path::toString).or(() -> jdbcUrl).orElse("") + "]";
        }
    }
}
