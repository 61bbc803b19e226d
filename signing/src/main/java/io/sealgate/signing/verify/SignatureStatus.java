package io.sealgate.signing.verify;

/** The result for one signature or document timestamp. */
public enum SignatureStatus {
    /** Every check passed. */
    VALID,
    /** A check failed: the signature is wrong (bad digest, bad signature value, revoked, broken byte range). */
    INVALID,
    /** Nothing is wrong, but validity could not be established (untrusted issuer, no revocation information). */
    INDETERMINATE
}
