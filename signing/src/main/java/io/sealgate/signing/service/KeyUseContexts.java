package io.sealgate.signing.service;

import io.sealgate.policy.KeyUsageDeniedException;
import io.sealgate.policy.KeyUsageGuard;
import io.sealgate.policy.KeyUsageRules;
import io.sealgate.policy.KeyUse;
import io.sealgate.policy.KeyUseContext;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The key vault's guard for the service: a user may use only the key configured for them (the seal key only for
 * the organisation seal), and the key usage rules judge each signature with the facts of the request it is made
 * for. The vault asks the guard on the signing thread, so the request's {@link KeyUseContext} travels in a
 * thread-local set by {@link #within}; outside a request the rules judge without context, which refuses every rule
 * that needs one (fail closed).
 *
 * <p>Also counts each key's signatures per UTC day for daily limits: seeded from the signature log at open,
 * incremented after every logged signature.
 */
final class KeyUseContexts implements KeyUsageGuard {

    private final ThreadLocal<KeyUseContext> current = new ThreadLocal<>();
    private final KeyUsageRules rules;
    private final Function<String, String> configuredKey;
    private final String sealKeyLabel;
    private final String sealIdentity;
    private final Map<String, Long> today = new HashMap<>();
    private LocalDate day;

    /**
     * @param configuredKey the key label an identity may use ({@code KeyUse.identity()} &rarr; label)
     * @param sealKeyLabel  the organisation seal key, usable only by {@code sealIdentity}
     */
    KeyUseContexts(KeyUsageRules rules, Function<String, String> configuredKey, String sealKeyLabel,
                   String sealIdentity) {
        this.rules = rules;
        this.configuredKey = configuredKey;
        this.sealKeyLabel = sealKeyLabel;
        this.sealIdentity = sealIdentity;
    }

    @Override
    public void check(KeyUse use) throws KeyUsageDeniedException {
        if (use.keyLabel().equals(sealKeyLabel) && !use.identity().equals(sealIdentity)) {
            throw new KeyUsageDeniedException(use, "the organisation seal key signs only as the organisation seal, "
                    + "when a process calls for it");
        }
        if (!use.keyLabel().equals(configuredKey.apply(use.identity()))) {
            throw new KeyUsageDeniedException(use, "it is not the key configured for " + use.identity());
        }
        KeyUseContext context = current.get();
        if (context == null) {
            rules.check(use);
        } else {
            rules.check(use, context);
        }
    }

    /** Runs {@code action} with {@code context} as the facts for every key use on this thread. */
    <T, E extends Exception> T within(KeyUseContext context, Action<T, E> action) throws E {
        KeyUseContext previous = current.get();
        current.set(context);
        try {
            return action.run();
        } finally {
            if (previous == null) {
                current.remove();
            } else {
                current.set(previous);
            }
        }
    }

    /** Returns the count of {@code keyLabel}'s signatures on {@code at}'s day so far, and raises it by one. */
    synchronized long reserve(String keyLabel, Instant at) {
        roll(at);
        return today.merge(keyLabel, 1L, Long::sum) - 1;
    }

    /** Gives back a {@link #reserve}d count: the signature was not made. */
    synchronized void release(String keyLabel, Instant at) {
        LocalDate d = at.atOffset(ZoneOffset.UTC).toLocalDate();
        if (d.equals(day)) {
            today.computeIfPresent(keyLabel, (k, n) -> n > 1 ? n - 1 : null);
        }
    }

    synchronized void count(String keyLabel, Instant at) {
        roll(at);
        today.merge(keyLabel, 1L, Long::sum);
    }

    private void roll(Instant at) {
        LocalDate d = at.atOffset(ZoneOffset.UTC).toLocalDate();
        if (!d.equals(day)) {
            day = d;
            today.clear();
        }
    }

    /** A piece of work that may throw {@code E}. */
    @FunctionalInterface
    interface Action<T, E extends Exception> {
        T run() throws E;
    }
}
