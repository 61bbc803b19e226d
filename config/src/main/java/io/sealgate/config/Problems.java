package io.sealgate.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Collects every {@link ConfigError} found while loading one file, so a person sees all of them at once instead of
 * fixing one, re-running, and meeting the next.
 */
final class Problems {

    private final Optional<Path> file;
    private final List<ConfigError> errors = new ArrayList<>();

    Problems(Optional<Path> file) {
        this.file = file;
    }

    /** Records a problem located at {@code node} (the line of its first character). */
    void add(Node node, String key, String message) {
        add(lineOf(node), key, message);
    }

    void add(int line, String key, String message) {
        errors.add(new ConfigError(file, line, key, message));
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    /** The errors in file order; errors on the same line keep the order they were found in. */
    List<ConfigError> sorted() {
        List<ConfigError> sorted = new ArrayList<>(errors);
        sorted.sort(Comparator.comparingInt(ConfigError::line));
        return List.copyOf(sorted);
    }

    /** 1-based line of a node, 0 when unknown. */
    static int lineOf(Node node) {
        return node == null ? 0 : lineOf(node.getStartMark());
    }

    static int lineOf(Mark mark) {
        // SnakeYAML counts lines from 0; editors and ConfigError count from 1.
        return mark == null ? 0 : mark.getLine() + 1;
    }
}
