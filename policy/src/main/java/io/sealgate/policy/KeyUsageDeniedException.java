package io.sealgate.policy;

/**
 * A {@link KeyUsageGuard} refused a key use. The message is a sentence for the user:
 * {@code "alice may not use key 'bob' for po-17.pdf, step approve: the key belongs to another user"}.
 */
public class KeyUsageDeniedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient KeyUse use;

    public KeyUsageDeniedException(KeyUse use, String reason) {
        super(use.identity() + " may not use key '" + use.keyLabel() + "' for " + use.purpose() + ": " + reason);
        this.use = use;
    }

    /** The refused use. */
    public KeyUse use() {
        return use;
    }
}
