package io.sealgate.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the proxy signs: the signature level, where timestamps and revocation data come from, and the limits of the
 * signing executor. Relative paths are already resolved against the config file's directory.
 *
 * @param level            the AdES baseline level of every signature Sealgate makes
 * @param tsa              URL of an RFC 3161 time-stamping authority; empty for the embedded dev TSA
 * @param revocation       where revocation data for signer certificates comes from
 * @param threads          signing executor threads; at least 1
 * @param queue            how many signing requests may wait for a thread; more are answered 503 with Retry-After
 * @param deadline         per-request deadline for signing (waiting in the queue included)
 * @param spoolDir         private directory for request bodies being signed; {@link SpoolDirectory#prepare} creates it
 *                         with mode 0700
 * @param maxDocumentSize  largest document accepted for signing or verification, in bytes; larger ones get 413
 * @param trust            extra trust anchors (PEM files) for verify-upload and approval checks; Sealgate's own dev
 *                         CA root is always trusted
 */
public record SigningSettings(
        Level level,
        Optional<URI> tsa,
        Revocation revocation,
        int threads,
        int queue,
        Duration deadline,
        Path spoolDir,
        long maxDocumentSize,
        List<Path> trust) {

    public static final int DEFAULT_QUEUE = 64;
    /**
     * Two signing threads per core: a signing thread also waits (for the disk while the signature log forces its
     * file, for a TSA or OCSP responder), and one per core left the cores idle while it did (docs/benchmarks.md).
     */
    public static final int DEFAULT_THREADS = 2 * Runtime.getRuntime().availableProcessors();
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);
    public static final long DEFAULT_MAX_DOCUMENT_SIZE = 100L * 1024 * 1024;

    public SigningSettings {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(tsa, "tsa");
        Objects.requireNonNull(revocation, "revocation");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(spoolDir, "spoolDir");
        trust = List.copyOf(trust);
    }

    /**
     * The defaults: B-T, embedded TSA and revocation, two threads per core, queue 64, 30s deadline,
     * {@code baseDir/var/spool}, 100 MiB, no extra trust anchors.
     */
    public static SigningSettings defaults(Path baseDir) {
        return new SigningSettings(Level.B_T, Optional.empty(), Revocation.EMBEDDED,
                DEFAULT_THREADS, DEFAULT_QUEUE, DEFAULT_DEADLINE,
                baseDir.resolve("var").resolve("spool"), DEFAULT_MAX_DOCUMENT_SIZE, List.of());
    }

    /** The AdES baseline levels (ETSI EN 319 142-1 / 319 122-1). */
    public enum Level {
        B_B("B-B"), B_T("B-T"), B_LT("B-LT"), B_LTA("B-LTA");

        private final String yamlName;

        Level(String yamlName) {
            this.yamlName = yamlName;
        }

        /** The spelling used in YAML, e.g. {@code B-LTA}. */
        public String yamlName() {
            return yamlName;
        }

        public static Optional<Level> fromYaml(String name) {
            return Arrays.stream(values()).filter(l -> l.yamlName.equals(name)).findFirst();
        }
    }

    /** Where revocation data (CRL/OCSP) for signer certificates comes from. */
    public enum Revocation {
        /** From the dev CA in the token, answered in-process. */
        EMBEDDED,
        /** Fetched from the CRL and OCSP addresses in the certificates. */
        ONLINE
    }
}
