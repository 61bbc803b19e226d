package io.sealgate.signing.keys;

import io.sealgate.signing.SigningException;

/**
 * The vault refused to use a key: the {@link io.sealgate.policy.KeyUsageGuard} denied it, or the key is disabled or
 * not yet certified. Callers answer 403; retrying will not help.
 */
public class KeyUseRefusedException extends SigningException {
    private static final long serialVersionUID = 1L;

    public KeyUseRefusedException(String message) {
        super(message);
    }

    public KeyUseRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
