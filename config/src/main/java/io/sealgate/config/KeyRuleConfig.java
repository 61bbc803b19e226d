package io.sealgate.config;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One entry of {@code key-rules:}, a restriction on signing as written. {@code io.sealgate.policy.ProcessTemplates}
 * turns the list into {@code KeyUsageRules}, which also checks the rules' own constraints (exactly one of key and
 * role, at least one restriction, valid-until after valid-from, ...). Empty lists mean "any".
 *
 * @param key         the key label the rule applies to
 * @param role        the role whose holders the rule applies to
 * @param templates   process ids signatures may be for
 * @param steps       step ids signatures may perform
 * @param routes      route names signatures may be made on
 * @param validFrom   first instant signatures are allowed (inclusive)
 * @param validUntil  instant from which signatures are refused (exclusive)
 * @param dailyLimit  most signatures a day (UTC)
 */
public record KeyRuleConfig(
        Optional<String> key,
        Optional<String> role,
        List<String> templates,
        List<String> steps,
        List<String> routes,
        Optional<Instant> validFrom,
        Optional<Instant> validUntil,
        OptionalLong dailyLimit) {

    public KeyRuleConfig {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(role, "role");
        templates = List.copyOf(templates);
        steps = List.copyOf(steps);
        routes = List.copyOf(routes);
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
        Objects.requireNonNull(dailyLimit, "dailyLimit");
    }
}
