package io.sealgate.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * One restriction on signing: for one key (by label) or for everyone holding one role, which templates, steps and
 * routes signatures may be for, when, and how many a day. Empty sets mean "any". Rules only ever take permission
 * away: a signature must satisfy every rule that applies to it. Built through {@link KeyUsageRules.Builder}.
 *
 * @param key         the key label the rule applies to; empty for a role rule
 * @param role        the role whose holders the rule applies to; empty for a key rule
 * @param templates   template ids signatures may be for (sorted); empty: any
 * @param steps       step ids signatures may perform (sorted); empty: any
 * @param routes      route names signatures may be made on (sorted); empty: any
 * @param validFrom   first instant signatures are allowed (inclusive)
 * @param validUntil  instant from which signatures are refused (exclusive)
 * @param dailyLimit  most signatures a day
 */
public record KeyUsageRule(
        Optional<String> key,
        Optional<String> role,
        Set<String> templates,
        Set<String> steps,
        Set<String> routes,
        Optional<Instant> validFrom,
        Optional<Instant> validUntil,
        OptionalLong dailyLimit) {

    public KeyUsageRule {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(role, "role");
        if (key.isPresent() == role.isPresent()) {
            throw new IllegalArgumentException("key, role: " + key + ", " + role + " (expected: exactly one)");
        }
        templates = sorted(templates);
        steps = sorted(steps);
        routes = sorted(routes);
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
        Objects.requireNonNull(dailyLimit, "dailyLimit");
    }

    public static Builder forKey(String keyLabel) {
        return new Builder().key(keyLabel);
    }

    public static Builder forRole(String role) {
        return new Builder().role(role);
    }

    /** {@code key alice} or {@code role intern}: how messages name the rule. */
    public String describe() {
        return key.map(k -> "key " + k).orElseGet(() -> "role " + role.orElseThrow());
    }

    private static Set<String> sorted(Collection<String> values) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(values)));
    }

    /** Raw, unvalidated values of a rule; {@link KeyUsageRules.Builder#build()} validates them. */
    public static final class Builder {
        String key;
        String role;
        final List<String> templates = new ArrayList<>();
        final List<String> steps = new ArrayList<>();
        final List<String> routes = new ArrayList<>();
        Instant validFrom;
        Instant validUntil;
        Long dailyLimit;

        Builder() {
        }

        public Builder key(String keyLabel) {
            this.key = keyLabel;
            return this;
        }

        public Builder role(String role) {
            this.role = role;
            return this;
        }

        public Builder templates(String... templateIds) {
            templates.addAll(Arrays.asList(templateIds));
            return this;
        }

        public Builder steps(String... stepIds) {
            steps.addAll(Arrays.asList(stepIds));
            return this;
        }

        public Builder routes(String... routeNames) {
            routes.addAll(Arrays.asList(routeNames));
            return this;
        }

        public Builder validFrom(Instant validFrom) {
            this.validFrom = validFrom;
            return this;
        }

        public Builder validUntil(Instant validUntil) {
            this.validUntil = validUntil;
            return this;
        }

        public Builder dailyLimit(long dailyLimit) {
            this.dailyLimit = dailyLimit;
            return this;
        }

        KeyUsageRule build() {
            return new KeyUsageRule(Optional.ofNullable(key), Optional.ofNullable(role), Set.copyOf(templates),
                                    Set.copyOf(steps), Set.copyOf(routes), Optional.ofNullable(validFrom),
                                    Optional.ofNullable(validUntil),
                                    dailyLimit == null ? OptionalLong.empty() : OptionalLong.of(dailyLimit));
        }
    }
}
