package io.sealgate.proxy.auth;

import io.sealgate.config.AuthenticationConfig.StepUp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code authentication.step-up}: before a signature for a listed step or with a listed key, the login must be
 * recent enough ({@code auth_time} within {@code max-age}) and strong enough (an {@code acr} of the list, every
 * {@code amr} of the list). A login that falls short is answered 401 with the RFC 9470 challenge
 * {@code WWW-Authenticate: Bearer error="insufficient_user_authentication", acr_values="...", max_age=...}, so the
 * client can log in again as required. A login without {@code auth_time} never satisfies a max-age.
 */
public final class StepUpPolicy {

    private final List<StepUp> rules;
    private final Clock clock;

    StepUpPolicy(List<StepUp> rules, Clock clock) {
        this.rules = List.copyOf(rules);
        this.clock = clock;
    }

    /**
     * Empty when {@code login} may sign step {@code step} (empty when the route names none) with key
     * {@code keyLabel}; otherwise the 401 to answer.
     */
    public Optional<Decision.Denied> check(Login login, Optional<String> step, String keyLabel) {
        Instant now = clock.instant();
        for (StepUp rule : rules) {
            boolean applies = rule.step().isPresent() ? rule.step().equals(step) : rule.key().get().equals(keyLabel);
            if (!applies) {
                continue;
            }
            List<String> missing = new ArrayList<>();
            if (rule.maxAge().isPresent()) {
                Duration max = rule.maxAge().get();
                if (login.authTime().isEmpty()) {
                    missing.add("a login time (auth_time)");
                } else if (Duration.between(login.authTime().get(), now).compareTo(max) > 0) {
                    missing.add("a login within the last " + max.toSeconds() + " s (logged in at "
                            + login.authTime().get() + ")");
                }
            }
            if (!rule.acr().isEmpty() && (login.acr().isEmpty() || !rule.acr().contains(login.acr().get()))) {
                missing.add("acr " + String.join(" or ", rule.acr()) + " (got: " + login.acr().orElse("none") + ")");
            }
            if (!rule.amr().isEmpty() && !login.amr().containsAll(rule.amr())) {
                missing.add("amr " + String.join(" and ", rule.amr()) + " (got: " + login.amr() + ")");
            }
            if (!missing.isEmpty()) {
                String what = rule.step().map(s -> "step " + s).orElse("key " + keyLabel);
                return Optional.of(new Decision.Denied(401, "insufficient_user_authentication", what + " needs "
                        + String.join(" and ", missing) + "; log in again as required", Optional.of(challenge(rule))));
            }
        }
        return Optional.empty();
    }

    private static String challenge(StepUp rule) {
        StringBuilder b = new StringBuilder("Bearer error=\"insufficient_user_authentication\"");
        b.append(", error_description=\"A different authentication level is required\"");
        if (!rule.acr().isEmpty()) {
            b.append(", acr_values=\"").append(String.join(" ", rule.acr())).append('"');
        }
        rule.maxAge().ifPresent(max -> b.append(", max_age=").append(max.toSeconds()));
        return b.toString();
    }
}
