package io.sealgate.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.yaml.snakeyaml.nodes.Node;

/**
 * Runs the loader's pluggable validators on a bound config and records their errors at the line of the node their
 * key path names. A validator error in an entry (a process, a key rule, a route) where binding already found a
 * problem is dropped: that entry was bound only in part, so the validator may be judging what is not there.
 */
final class ValidatorRun {

    private final Node root;
    private final Problems problems;

    ValidatorRun(Node root, Problems problems) {
        this.root = root;
        this.problems = problems;
    }

    void run(SealgateConfig config, List<Function<SealgateConfig, List<ConfigError>>> validators) {
        boolean bindingFailed = !problems.isEmpty();
        Set<String> brokenEntries = new HashSet<>();
        for (ConfigError error : problems.sorted()) {
            brokenEntries.add(NodePaths.entryOf(error.key()));
        }
        for (Function<SealgateConfig, List<ConfigError>> validator : validators) {
            List<ConfigError> errors;
            try {
                errors = validator.apply(config);
            } catch (RuntimeException e) {
                if (bindingFailed) {
                    // A half-bound config (null parts) may trip a validator; its problems are reported already.
                    continue;
                }
                throw e;
            }
            for (ConfigError error : errors) {
                if (!brokenEntries.contains(NodePaths.entryOf(error.key()))) {
                    problems.add(NodePaths.find(root, error.key()), error.key(), error.message());
                }
            }
        }
    }
}
