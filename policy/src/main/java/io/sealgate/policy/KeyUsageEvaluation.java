package io.sealgate.policy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The facts one key use is judged on, each possibly unknown (null) when the caller only had a {@link KeyUse}; a rule
 * that needs an unknown fact refuses, so missing context can never widen what a key may do.
 */
final class KeyUsageEvaluation {

    private final Set<String> roles;
    private final String route;
    private final String templateId;
    private final String stepId;
    private final Instant at;
    private final Long signaturesToday;

    private KeyUsageEvaluation(Set<String> roles, String route, String templateId, String stepId, Instant at,
                               Long signaturesToday) {
        this.roles = roles;
        this.route = route;
        this.templateId = templateId;
        this.stepId = stepId;
        this.at = at;
        this.signaturesToday = signaturesToday;
    }

    static KeyUsageEvaluation known(KeyUseContext c) {
        return new KeyUsageEvaluation(c.roles(), c.route(), c.templateId(), c.stepId(), c.at(), c.signaturesToday());
    }

    static KeyUsageEvaluation unknown(Instant at) {
        return new KeyUsageEvaluation(null, null, null, null, at, null);
    }

    /** The first refusal among the rules that apply to {@code keyLabel} and the signer's roles, in rule order. */
    Optional<String> denial(String keyLabel, List<KeyUsageRule> rules) {
        for (KeyUsageRule rule : rules) {
            Optional<String> denial = rule.key().isPresent()
                    ? (rule.key().get().equals(keyLabel) ? judge(rule) : Optional.empty())
                    : judgeRoleRule(rule);
            if (denial.isPresent()) {
                return denial;
            }
        }
        return Optional.empty();
    }

    private Optional<String> judgeRoleRule(KeyUsageRule rule) {
        if (roles == null) {
            return Optional.of(rule.describe() + " has a rule, and this use does not say the signer's roles");
        }
        return roles.contains(rule.role().orElseThrow()) ? judge(rule) : Optional.empty();
    }

    private Optional<String> judge(KeyUsageRule rule) {
        String who = rule.describe();
        boolean early = rule.validFrom().filter(at::isBefore).isPresent();
        boolean late = rule.validUntil().filter(until -> !at.isBefore(until)).isPresent();
        if (early || late) {
            String window = rule.validFrom().map(from -> "from " + from).orElse("")
                            + (rule.validFrom().isPresent() && rule.validUntil().isPresent() ? " " : "")
                            + rule.validUntil().map(until -> "until " + until).orElse("");
            return Optional.of(who + " may sign " + window + " only (now: " + at + ")");
        }
        Optional<String> denial = limited(who, "templates", rule.templates(), templateId, "template");
        if (denial.isEmpty()) {
            denial = limited(who, "steps", rule.steps(), stepId, "step");
        }
        if (denial.isEmpty()) {
            denial = limited(who, "routes", rule.routes(), route, "route");
        }
        if (denial.isEmpty() && rule.dailyLimit().isPresent()) {
            long limit = rule.dailyLimit().getAsLong();
            if (signaturesToday == null) {
                denial = Optional.of(who + " may make " + limit + " signatures a day, and this use does not say how"
                                     + " many it made today");
            } else if (signaturesToday >= limit) {
                denial = Optional.of(who + " may make " + limit + " signatures a day (made today: "
                                     + signaturesToday + ")");
            }
        }
        return denial;
    }

    private static Optional<String> limited(String who, String kind, Set<String> allowed, String actual,
                                            String singular) {
        if (allowed.isEmpty() || (actual != null && allowed.contains(actual))) {
            return Optional.empty();
        }
        return Optional.of(who + " may sign for " + kind + " " + String.join(", ", allowed) + " only ("
                           + (actual == null ? "this use names no " + singular : "this one: " + actual) + ")");
    }
}
