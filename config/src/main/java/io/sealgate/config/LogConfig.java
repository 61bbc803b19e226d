package io.sealgate.config;

import java.nio.file.Path;
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
 */
public record LogConfig(
        Store store,
        Path directory,
        Optional<String> jdbcUrl,
        Optional<String> user,
        Optional<Secret> password,
        int treeHeadEvery) {

    public LogConfig {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /** The defaults: a file store in {@code baseDir/var/log}, a tree head after every append. */
    public static LogConfig defaults(Path baseDir) {
        return new LogConfig(Store.FILE, baseDir.resolve("var").resolve("log"), Optional.empty(), Optional.empty(),
                Optional.empty(), 1);
    }

    /** The log's storage. */
    public enum Store { FILE, POSTGRES }
}
