package io.sealgate.config;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Resolves the paths a config names (relative ones against the config file's directory) and tells why a file cannot
 * be read. Files are checked at load so that a typo in a certificate path fails {@code sealgate config check}, not
 * the first TLS handshake.
 */
final class FileChecks {

    private final Path baseDir;

    /** @param baseDir absolute directory that relative paths are resolved against */
    FileChecks(Path baseDir) {
        this.baseDir = baseDir;
    }

    /** The absolute path {@code written} names; call only after {@link #problem} returned null. */
    Path resolve(String written) {
        return baseDir.resolve(written).normalize();
    }

    /**
     * Why {@code written} does not name a readable regular file, as a message tail like
     * {@code " (resolved to /etc/sealgate/key.pem): no such file"}, or null when it does.
     */
    String problem(String written) {
        Path path;
        try {
            path = resolve(written);
        } catch (InvalidPathException e) {
            return ": not a valid path";
        }
        String where = Path.of(written).isAbsolute() ? "" : " (resolved to " + path + ")";
        String reason = reason(path);
        return reason == null ? null : where + ": " + reason;
    }

    private static String reason(Path path) {
        if (!Files.exists(path)) {
            return "no such file";
        }
        if (Files.isDirectory(path)) {
            return "is a directory";
        }
        if (!Files.isRegularFile(path)) {
            return "not a regular file";
        }
        if (!Files.isReadable(path)) {
            return "not readable (permission denied)";
        }
        return null;
    }

    /** A short reason for an I/O failure that happened after the checks passed (a race, a device error). */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "not readable (permission denied)";
        }
        return "cannot be read (" + e.getClass().getSimpleName() + ")";
    }
}
