package io.sealgate.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the signature log (the Merkle tree of every signature) is kept.
 *
 * @param store          file or postgres
 * @param directory      the file store's directory, resolved against the config file's directory
 * @param jdbcUrl        PostgreSQL JDBC URL; present exactly when {@code store} is postgres
 * @param user           PostgreSQL user; present exactly when {@code store} is postgres
 * @param password       PostgreSQL password; present exactly when {@code store} is postgres
 * @param treeHeadEvery  sign a tree head every this many appends; at least 1
 * @param reservationTimeout postgres: how long a reserved log index may stay unfilled before an instance voids it
 */
public record LogConfig(
        Store store,
        Path directory,
        Optional<String> jdbcUrl,
        Optional<String> user,
        Optional<Secret> password,
        int treeHeadEvery,
        Duration reservationTimeout) {

    /** The default {@code reservation-timeout}: longer than finishing a document can take (see docs). */
    public static final Duration DEFAULT_RESERVATION_TIMEOUT = Duration.ofSeconds(60);

    public LogConfig {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(reservationTimeout, "reservationTimeout");
    }

    /** With the default reservation timeout. */
    public LogConfig(Store store, Path directory, Optional<String> jdbcUrl, Optional<String> user,
                     Optional<Secret> password, int treeHeadEvery) {
        this(store, directory, jdbcUrl, user, password, treeHeadEvery, DEFAULT_RESERVATION_TIMEOUT);
    }

    /** The defaults: a file store in {@code baseDir/var/log}, a tree head after every append. */
    public static LogConfig defaults(Path baseDir) {
        return new LogConfig(Store.FILE, baseDir.resolve("var").resolve("log"), Optional.empty(), Optional.empty(),
                Optional.empty(), 1);
    }

    /** The log's storage. */
    public enum Store { FILE, POSTGRES }
}
