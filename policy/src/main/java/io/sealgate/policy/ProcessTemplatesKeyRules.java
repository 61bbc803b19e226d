package io.sealgate.policy;

import io.sealgate.config.ConfigError;
import io.sealgate.config.ConfigException;
import io.sealgate.config.KeyRuleConfig;
import io.sealgate.config.ProcessConfig;
import io.sealgate.config.SealgateConfig;
import io.sealgate.config.UserConfig;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The key-rule half of {@link ProcessTemplates}: feeds {@code key-rules:} to {@link KeyUsageRules.Builder}, renames
 * its paths and messages to the YAML spelling ({@code rules[0].dailyLimit} becomes {@code key-rules[0].daily-limit}),
 * checks that rules name processes, steps and routes that exist, and builds the key-ownership guard.
 */
final class ProcessTemplatesKeyRules {

    /** Builder spelling to YAML spelling, for paths and messages. */
    private static final Map<String, String> SPELLING = Map.of(
            "validFrom", "valid-from", "validUntil", "valid-until", "dailyLimit", "daily-limit");

    private ProcessTemplatesKeyRules() {}

    static KeyUsageRules.Builder builder(SealgateConfig config) {
        KeyUsageRules.Builder builder = KeyUsageRules.builder();
        for (KeyRuleConfig rule : config.keyRules()) {
            builder.rule(rule(rule));
        }
        return builder;
    }

    private static KeyUsageRule.Builder rule(KeyRuleConfig config) {
        KeyUsageRule.Builder rule = new KeyUsageRule.Builder();
        config.key().ifPresent(rule::key);
        config.role().ifPresent(rule::role);
        rule.templates(config.templates().toArray(String[]::new));
        rule.steps(config.steps().toArray(String[]::new));
        rule.routes(config.routes().toArray(String[]::new));
        config.validFrom().ifPresent(rule::validFrom);
        config.validUntil().ifPresent(rule::validUntil);
        config.dailyLimit().ifPresent(rule::dailyLimit);
        return rule;
    }

    static List<ConfigError> validate(SealgateConfig config) {
        List<ConfigError> errors = new ArrayList<>();
        try {
            builder(config).build();
        } catch (ConfigException e) {
            for (ConfigError error : e.errors()) {
                errors.add(error("key-" + respell(error.key()), respell(error.message())));
            }
        }
        if (config.users().containsKey(KeyUse.SYSTEM)) {
            // The ownership guard lets SYSTEM use any key that is not a user's: no user may share its name.
            errors.add(error("users." + KeyUse.SYSTEM, "reserved (expected: a user id other than " + KeyUse.SYSTEM
                    + ", which names Sealgate itself)"));
        }
        Set<String> routes = new LinkedHashSet<>(ProcessTemplates.routeNames(config));
        for (int i = 0; i < config.keyRules().size(); i++) {
            KeyRuleConfig rule = config.keyRules().get(i);
            String path = "key-rules[" + i + "]";
            List<String> known = known(path + ".templates", rule.templates(), config.processes().keySet(),
                    "process", errors);
            Collection<ProcessConfig> processes = rule.templates().isEmpty() ? config.processes().values()
                    : known.stream().map(config.processes()::get).toList();
            known(path + ".steps", rule.steps(), stepIds(processes), "step", errors);
            known(path + ".routes", rule.routes(), routes, "route", errors);
        }
        return errors;
    }

    /** Reports the names not in {@code known}; returns those that are. */
    private static List<String> known(String path, List<String> names, Set<String> known, String what,
            List<ConfigError> errors) {
        List<String> found = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            if (known.contains(names.get(k))) {
                found.add(names.get(k));
            } else {
                errors.add(error(path + "[" + k + "]", names.get(k) + ": no such " + what + " (expected: "
                        + (known.isEmpty() ? "a " + what + " defined in the config"
                                : "one of " + String.join(", ", known)) + ")"));
            }
        }
        return found;
    }

    private static Set<String> stepIds(Collection<ProcessConfig> processes) {
        Set<String> ids = new LinkedHashSet<>();
        for (ProcessConfig process : processes) {
            process.stages().forEach(stage -> stage.steps().forEach(step -> ids.add(step.id())));
            process.seal().ifPresent(ids::add);
        }
        return ids;
    }

    private static String respell(String text) {
        String result = text;
        for (Map.Entry<String, String> e : SPELLING.entrySet()) {
            result = result.replace(e.getKey(), e.getValue());
        }
        return result;
    }

    static KeyUsageGuard ownership(SealgateConfig config) {
        Map<String, String> keyOfUser = new HashMap<>();
        Map<String, String> userOfKey = new HashMap<>();
        for (UserConfig user : config.users().values()) {
            keyOfUser.put(user.id(), user.key());
            userOfKey.put(user.key(), user.id());
        }
        return use -> {
            String owner = userOfKey.get(use.keyLabel());
            if (KeyUse.SYSTEM.equals(use.identity())) {
                if (owner != null) {
                    throw new KeyUsageDeniedException(use, "the key belongs to user " + owner);
                }
                return;
            }
            String own = keyOfUser.get(use.identity());
            if (own == null) {
                throw new KeyUsageDeniedException(use, "not a user of this Sealgate");
            }
            if (!own.equals(use.keyLabel())) {
                throw new KeyUsageDeniedException(use, owner == null ? "the user's key is '" + own + "'"
                        : "the key belongs to another user");
            }
        };
    }

    private static ConfigError error(String key, String message) {
        return new ConfigError(Optional.empty(), 0, key, message);
    }
}
