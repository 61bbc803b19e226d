package io.sealgate.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One problem found in a config file, located precisely enough for a person to fix it.
 *
 * @param file     the config file (empty for configs built in code)
 * @param line     1-based line, 0 when unknown
 * @param key      dotted key path, e.g. {@code routes[2].match.path}
 * @param message  what is wrong, ending in an Armeria-style {@code (expected: ...)}
 */
public record ConfigError(Optional<Path> file, int line, String key, String message) {

    /** {@code sealgate.yaml:12: routes[2].action: sign-upload is not available yet (expected: pass)} */
    @Override
    public String toString() {
        String where = file.map(Path::toString).orElse("<config>") + (line > 0 ? ":" + line : "");
        return where + ": " + key + ": " + message;
    }
}
