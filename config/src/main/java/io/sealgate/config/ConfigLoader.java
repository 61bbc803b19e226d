package io.sealgate.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.Optional;
import java.util.function.Function;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a Sealgate YAML config into an immutable {@link SealgateConfig}, or fails with a {@link ConfigException}
 * listing every problem found, each with file, line and key path (see {@code docs/configuration.md}).
 *
 * <p>Values may reference {@code ${ENV_VAR}} or {@code ${file:/path}} (secrets); relative file paths are resolved
 * against the directory of the config file. Files the config names (TLS material, CA bundles, the PKCS#11 library)
 * must exist and be readable at load time. Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * SealgateConfig config = ConfigLoader.builder().build().load(Path.of("sealgate.yaml"));
 * }</pre>
 */
public final class ConfigLoader {

    /** The key reported for problems with the document as a whole (unreadable file, YAML syntax). */
    public static final String DOCUMENT_KEY = "yaml";

    private final Function<String, String> environment;
    private final Set<RouteAction> availableActions;
    private final List<Function<SealgateConfig, List<ConfigError>>> validators;

    private ConfigLoader(Builder builder) {
        this.environment = builder.environment;
        this.availableActions = Collections.unmodifiableSet(EnumSet.copyOf(builder.availableActions));
        this.validators = List.copyOf(builder.validators);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Loads and validates {@code file}.
     *
     * @throws ConfigException with every problem found, when the file cannot be read or is not a valid config
     */
    public SealgateConfig load(Path file) throws ConfigException {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (CharacterCodingException e) {
            throw documentError(file, "not UTF-8 text");
        } catch (IOException e) {
            throw documentError(file, Files.isDirectory(file) ? "is a directory" : FileChecks.describe(e));
        }
        return parse(yaml, file);
    }

    /**
     * Validates YAML text as if it had been read from {@code nameForMessages}: that path names the config in error
     * messages and in {@link SealgateConfig#source()}, and relative paths in the config resolve against its directory.
     */
    public SealgateConfig parse(String yaml, Path nameForMessages) throws ConfigException {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(nameForMessages, "nameForMessages");
        Problems problems = new Problems(Optional.of(nameForMessages));
        Node root = compose(yaml, problems);
        SealgateConfig config = null;
        if (root != null) {
            FileChecks files = new FileChecks(nameForMessages.toAbsolutePath().normalize().getParent());
            ScalarReader reader = new ScalarReader(new Substitutions(environment, files), files, problems);
            config = new ConfigBinder(reader, Optional.of(nameForMessages), availableActions).bind(root);
        }
        if (config != null && !validators.isEmpty()) {
            new ValidatorRun(root, problems).run(config, validators);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.sorted());
        }
        return config;
    }

    /**
     * Every problem in {@code file}, in file order; empty when the config is valid. Made for
     * {@code sealgate config check}, which prints each error's {@link ConfigError#toString()}.
     */
    public List<ConfigError> check(Path file) {
        try {
            load(file);
            return List.of();
        } catch (ConfigException e) {
            return e.errors();
        }
    }

    private static Node compose(String yaml, Problems problems) {
        LoaderOptions options = new LoaderOptions();
        // Aliases are expanded by whoever walks the tree; a small limit keeps "billion laughs" documents harmless.
        options.setMaxAliasesForCollections(20);
        options.setAllowRecursiveKeys(false);
        try {
            Node root = new Yaml(options).compose(new StringReader(yaml));
            if (root == null) {
                problems.add(0, DOCUMENT_KEY, "empty (expected: a mapping with keys "
                        + String.join(", ", ConfigBinder.TOP_KEYS) + ")");
            }
            return root;
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            String column = mark == null ? "" : " at column " + (mark.getColumn() + 1);
            // SnakeYAML splits some sentences: context "expected a single document", problem "but found another".
            String problem = e.getProblem().startsWith("but ") && e.getContext() != null
                    ? e.getContext() + " " + e.getProblem() : e.getProblem();
            problems.add(Problems.lineOf(mark), DOCUMENT_KEY, problem + column + " (expected: well-formed YAML)");
        } catch (YAMLException e) {
            problems.add(0, DOCUMENT_KEY, e.getMessage() + " (expected: well-formed YAML)");
        }
        return null;
    }

    private static ConfigException documentError(Path file, String reason) {
        return new ConfigException(List.of(new ConfigError(Optional.of(file), 0, DOCUMENT_KEY,
                reason + " (expected: a readable UTF-8 YAML file)")));
    }

    /** Configures a {@link ConfigLoader}. */
    public static final class Builder {
        private Function<String, String> environment = System::getenv;
        private Set<RouteAction> availableActions = RouteAction.availableActions();
        private final List<Function<SealgateConfig, List<ConfigError>>> validators = new ArrayList<>();

        private Builder() {}

        /** Where {@code ${NAME}} references are looked up; {@link System#getenv(String)} by default. */
        public Builder environment(Function<String, String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /**
         * The route actions accepted; others are refused at load with a message saying they arrive later.
         * {@link RouteAction#availableActions()} by default; tests of actions still in development widen it.
         */
        public Builder availableActions(Set<RouteAction> actions) {
            Objects.requireNonNull(actions, "actions");
            if (!actions.contains(RouteAction.PASS)) {
                throw new IllegalArgumentException("availableActions: " + actions + " (expected: pass included)");
            }
            this.availableActions = EnumSet.copyOf(actions);
            return this;
        }

        /**
         * Adds a check run on the bound config, for rules that live in other modules (the process rules of
         * {@code io.sealgate.policy.ProcessTemplates#validate}). It returns errors whose {@link ConfigError#key()} is
         * a key path into the YAML ({@code processes.purchase-order.steps[1].users[0]}); file and line are ignored and
         * filled in by the loader from the node at that path (or the deepest node of it that exists).
         *
         * <p>Validators also run when binding already found problems, so that a person sees every error at once;
         * the config they get may then have null components, and an exception a validator throws in that case is
         * dropped (the config is rejected anyway). Validators run in the order added.
         */
        public Builder validator(Function<SealgateConfig, List<ConfigError>> validator) {
            validators.add(Objects.requireNonNull(validator, "validator"));
            return this;
        }

        public ConfigLoader build() {
            return new ConfigLoader(this);
        }
    }
}
