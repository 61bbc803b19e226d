package io.sealgate.signing.keys;

/** Whether a key in the vault may sign. */
public enum KeyStatus {
    /** Enrolled but still carrying its placeholder certificate: waiting for a CA's certificate. Cannot sign. */
    PENDING,
    /** Certified and allowed to sign. */
    ENABLED,
    /** Switched off with {@code keys disable}; refuses to sign. Permanent. */
    DISABLED
}
