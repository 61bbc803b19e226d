package io.sealgate.signing.verify;

/** Where a signature's signing time comes from. */
public enum TimeSource {
    /** A valid, trusted RFC 3161 timestamp: proof that the signature existed then. */
    TIMESTAMP,
    /** The signer's own claim ({@code /M}, or the signing-time attribute): proves nothing. */
    CLAIMED,
    /** The document names no time. */
    NONE
}
