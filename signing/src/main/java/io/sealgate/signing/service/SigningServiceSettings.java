package io.sealgate.signing.service;

import io.sealgate.config.TokenConfig;
import io.sealgate.policy.KeyUsageGuard;
import io.sealgate.policy.KeyUsageRules;
import io.sealgate.signing.SignatureLevel;
import io.sealgate.signing.verify.Verifier;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Everything {@link SigningService#open} needs, independent of how it was configured. Immutable.
 *
 * @param token             the PKCS#11 token with the users' keys, the seal key and Sealgate's own keys
 * @param organisation      this organisation's id, as certificates name it ({@code O=}) and manifests record it
 * @param sealKeyLabel      the label of the organisation seal key in the token
 * @param level             the baseline level of every signature (PDF: PAdES; other files: CAdES, B-LTA not offered)
 * @param tsaUrl            an RFC 3161 TSA; empty: the embedded TSA in the token
 * @param tsaTimeout        bound on TSA and revocation requests
 * @param log               where the signature log lives
 * @param userKeys          user id &rarr; key label, from {@code users.<id>.key}; a user not listed signs with the
 *                          key labelled with the user id
 * @param keyRules          key usage rules; their base guard should be {@link KeyUsageGuard#ALLOW_ALL}, since the
 *                          service itself allows each user only the configured key (see {@link #keyLabelOf})
 * @param trustAnchors      certificates the verifier trusts (besides the dev CA root when {@code trustDevCa})
 * @param trustDevCa        whether the token's dev CA root is a trust anchor (demo and tests; off in production)
 * @param spoolDirectory    where signed outputs are written; the caller deletes them after use
 * @param maxDocumentBytes  larger documents are refused
 * @param clock             the clock for manifests and the daily key counters
 */
public record SigningServiceSettings(TokenConfig token, String organisation, String sealKeyLabel,
                                     SignatureLevel level, Optional<URI> tsaUrl, Duration tsaTimeout,
                                     LogSettings log, Map<String, String> userKeys, KeyUsageRules keyRules,
                                     List<X509Certificate> trustAnchors, boolean trustDevCa, Path spoolDirectory,
                                     long maxDocumentBytes, Clock clock) {

    public SigningServiceSettings {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(sealKeyLabel, "sealKeyLabel");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(tsaUrl, "tsaUrl");
        Objects.requireNonNull(tsaTimeout, "tsaTimeout");
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
     * Settings with the defaults of a fresh install: level B-T, the embedded TSA, no extra trust anchors but the
     * dev CA, no key rules, and {@link Verifier#DEFAULT_MAX_DOCUMENT_BYTES}.
     */
    public static SigningServiceSettings defaults(TokenConfig token, String organisation, String sealKeyLabel,
                                                  LogSettings log, Path spoolDirectory) {
        return new SigningServiceSettings(token, organisation, sealKeyLabel, SignatureLevel.B_T, Optional.empty(),
                Duration.ofSeconds(10), log, Map.of(), noRules(), List.of(), true, spoolDirectory,
                Verifier.DEFAULT_MAX_DOCUMENT_BYTES, Clock.systemUTC());
    }

    /** The key label of {@code userId}: the configured one, else the user id. */
    public String keyLabelOf(String userId) {
        return userKeys.getOrDefault(userId, userId);
    }

    public SigningServiceSettings withLevel(SignatureLevel newLevel) {
        return new SigningServiceSettings(token, organisation, sealKeyLabel, newLevel, tsaUrl, tsaTimeout, log,
                userKeys, keyRules, trustAnchors, trustDevCa, spoolDirectory, maxDocumentBytes, clock);
    }

    public SigningServiceSettings withUserKeys(Map<String, String> keys) {
        return new SigningServiceSettings(token, organisation, sealKeyLabel, level, tsaUrl, tsaTimeout, log, keys,
                keyRules, trustAnchors, trustDevCa, spoolDirectory, maxDocumentBytes, clock);
    }

    public SigningServiceSettings withKeyRules(KeyUsageRules rules) {
        return new SigningServiceSettings(token, organisation, sealKeyLabel, level, tsaUrl, tsaTimeout, log,
                userKeys, rules, trustAnchors, trustDevCa, spoolDirectory, maxDocumentBytes, clock);
    }

    public SigningServiceSettings withTrustAnchors(List<X509Certificate> anchors, boolean devCa) {
        return new SigningServiceSettings(token, organisation, sealKeyLabel, level, tsaUrl, tsaTimeout, log,
                userKeys, keyRules, anchors, devCa, spoolDirectory, maxDocumentBytes, clock);
    }

    public SigningServiceSettings withTsa(Optional<URI> url) {
        return new SigningServiceSettings(token, organisation, sealKeyLabel, level, url, tsaTimeout, log,
                userKeys, keyRules, trustAnchors, trustDevCa, spoolDirectory, maxDocumentBytes, clock);
    }

    public SigningServiceSettings withMaxDocumentBytes(long bytes) {
        return new SigningServiceSettings(token, organisation, sealKeyLabel, level, tsaUrl, tsaTimeout, log,
                userKeys, keyRules, trustAnchors, trustDevCa, spoolDirectory, bytes, clock);
    }

    private static KeyUsageRules noRules() {
        try {
            return KeyUsageRules.builder().base(KeyUsageGuard.ALLOW_ALL).build();
        } catch (io.sealgate.config.ConfigException e) {
            throw new AssertionError("no rules cannot be invalid", e);
        }
    }

    /**
     * Where the signature log lives: a directory ({@code log.store: file}) or a PostgreSQL database
     * ({@code log.store: postgres}); exactly one is set.
     *
     * @param directory     the file store's directory
     * @param jdbcUrl       the PostgreSQL JDBC URL
     * @param jdbcProperties user, password and other driver properties
     */
    public record LogSettings(Optional<Path> directory, Optional<String> jdbcUrl, Properties jdbcProperties) {

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
        }

        public static LogSettings file(Path directory) {
            return new LogSettings(Optional.of(directory), Optional.empty(), new Properties());
        }

        public static LogSettings postgres(String jdbcUrl, Properties properties) {
            return new LogSettings(Optional.empty(), Optional.of(jdbcUrl), properties);
        }

        @Override
        public String toString() {
            // jdbcProperties may hold a password
            return "LogSettings[" + directory.map(Path::toString).or(() -> jdbcUrl).orElse("") + "]";
        }
    }
}
