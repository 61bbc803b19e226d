package io.sealgate.policy;

/**
 * Decides whether an identity may use a token key for a purpose. The key vault asks before every signature, so a
 * leaked session or a bug in a route cannot make one user's key sign for another. Implementations are pure decisions
 * over configuration already loaded: no I/O, thread-safe, fast.
 */
@FunctionalInterface
public interface KeyUsageGuard {

    /** Allows everything: for tests, demos and the CLI run by the token's operator. */
    KeyUsageGuard ALLOW_ALL = use -> { };

    /** Only the user whose id is the key's label may use it. */
    KeyUsageGuard OWN_KEY_ONLY = use -> {
        if (!use.identity().equals(use.keyLabel())) {
            throw new KeyUsageDeniedException(use, "the key belongs to another user");
        }
    };

    /**
     * Returns normally when {@code use} is allowed.
     *
     * @throws KeyUsageDeniedException with a sentence that names the identity, the key and the reason
     */
    void check(KeyUse use) throws KeyUsageDeniedException;
}
