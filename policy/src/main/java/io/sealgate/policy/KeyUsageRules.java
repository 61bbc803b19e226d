package io.sealgate.policy;

import io.sealgate.config.ConfigError;
import io.sealgate.config.ConfigException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The policy linked to keys: {@link KeyUsageRule}s per key or role, on top of a base guard (by default
 * {@link KeyUsageGuard#OWN_KEY_ONLY}). Immutable, thread-safe, no I/O.
 *
 * <p>Two ways to ask:
 * <ul>
 *   <li>{@link #check(KeyUse, KeyUseContext)} with everything the proxy knows about the signature (roles, route,
 *       template, step, time, the key's count today): the full decision; {@link #guardFor} wraps it as a guard.
 *   <li>{@link #check(KeyUse)}, the {@link KeyUsageGuard} method, for callers that only have a {@link KeyUse}: the
 *       time comes from the clock given to the builder, and every rule that needs a fact the use does not carry
 *       (a template, step or route restriction, a daily limit, any role rule) refuses: fail closed.
 * </ul>
 */
public final class KeyUsageRules implements KeyUsageGuard {

    private final List<KeyUsageRule> rules;
    private final KeyUsageGuard base;
    private final Clock clock;

    private KeyUsageRules(List<KeyUsageRule> rules, KeyUsageGuard base, Clock clock) {
        this.rules = List.copyOf(rules);
        this.base = base;
        this.clock = clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<KeyUsageRule> rules() {
        return rules;
    }

    /**
     * Returns normally when the base guard and every rule that applies (the key's, and those of the signer's roles)
     * allow the signature.
     *
     * @throws KeyUsageDeniedException naming the first rule that refuses and why
     */
    public void check(KeyUse use, KeyUseContext context) throws KeyUsageDeniedException {
        base.check(use);
        Optional<String> denial = KeyUsageEvaluation.known(context).denial(use.keyLabel(), rules);
        if (denial.isPresent()) {
            throw new KeyUsageDeniedException(use, denial.get());
        }
    }

    /** A guard that judges every use by these rules in {@code context}: for one request's signatures. */
    public KeyUsageGuard guardFor(KeyUseContext context) {
        Objects.requireNonNull(context, "context");
        return use -> check(use, context);
    }

    /** Judges {@code use} without context; see the class comment for what that refuses. */
    @Override
    public void check(KeyUse use) throws KeyUsageDeniedException {
        base.check(use);
        Optional<String> denial = KeyUsageEvaluation.unknown(clock.instant()).denial(use.keyLabel(), rules);
        if (denial.isPresent()) {
            throw new KeyUsageDeniedException(use, denial.get());
        }
    }

    /** Collects rules as a config loader reads them; {@link #build()} validates them all at once. */
    public static final class Builder {
        private final List<KeyUsageRule.Builder> rules = new ArrayList<>();
        private KeyUsageGuard base = KeyUsageGuard.OWN_KEY_ONLY;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder rule(KeyUsageRule.Builder rule) {
            rules.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        /** The guard asked before the rules; {@link KeyUsageGuard#OWN_KEY_ONLY} unless set. */
        public Builder base(KeyUsageGuard base) {
            this.base = Objects.requireNonNull(base, "base");
            return this;
        }

        /** The clock {@link #check(KeyUse)} reads the time from; the system UTC clock unless set. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Returns the rules.
         *
         * @throws ConfigException listing every problem keyed by path, e.g. {@code rules[0].dailyLimit: 0 (expected:
         *         at least 1)}
         */
        public KeyUsageRules build() throws ConfigException {
            List<ConfigError> errors = new ArrayList<>();
            for (int i = 0; i < rules.size(); i++) {
                validate("rules[" + i + "]", rules.get(i), errors);
            }
            if (!errors.isEmpty()) {
                throw new ConfigException(errors);
            }
            return new KeyUsageRules(rules.stream().map(KeyUsageRule.Builder::build).toList(), base, clock);
        }

        private static void validate(String path, KeyUsageRule.Builder rule, List<ConfigError> errors) {
            if ((rule.key == null) == (rule.role == null)) {
                error(errors, path, (rule.key == null ? "neither key nor role" : "both key and role")
                                    + " (expected: exactly one of key, role)");
            }
            if (rule.key != null && rule.key.isBlank()) {
                error(errors, path + ".key", "\"" + rule.key + "\" (expected: a key label)");
            }
            if (rule.role != null && rule.role.isBlank()) {
                error(errors, path + ".role", "\"" + rule.role + "\" (expected: a role name)");
            }
            names(errors, path + ".templates", rule.templates, "a template id");
            names(errors, path + ".steps", rule.steps, "a step id");
            names(errors, path + ".routes", rule.routes, "a route name");
            if (rule.validFrom != null && rule.validUntil != null && !rule.validUntil.isAfter(rule.validFrom)) {
                error(errors, path + ".validUntil", rule.validUntil + " (expected: after validFrom "
                                                    + rule.validFrom + ")");
            }
            if (rule.dailyLimit != null && rule.dailyLimit < 1) {
                error(errors, path + ".dailyLimit", rule.dailyLimit + " (expected: at least 1)");
            }
            if (rule.templates.isEmpty() && rule.steps.isEmpty() && rule.routes.isEmpty() && rule.validFrom == null
                && rule.validUntil == null && rule.dailyLimit == null) {
                error(errors, path, "no restriction (expected: at least one of templates, steps, routes, validFrom,"
                                    + " validUntil, dailyLimit)");
            }
        }

        private static void names(List<ConfigError> errors, String path, List<String> names, String expected) {
            Set<String> seen = new HashSet<>();
            for (int k = 0; k < names.size(); k++) {
                String name = names.get(k);
                if (name == null || name.isBlank()) {
                    error(errors, path + "[" + k + "]", (name == null ? "null" : "\"" + name + "\"")
                                                        + " (expected: " + expected + ")");
                } else if (!seen.add(name)) {
                    error(errors, path + "[" + k + "]", name + " (expected: no duplicates)");
                }
            }
        }

        private static void error(List<ConfigError> errors, String key, String message) {
            errors.add(new ConfigError(Optional.empty(), 0, key, message));
        }
    }
}
