package io.sealgate.signing.verify;

/** The ETSI baseline level a signature reaches as found in the document (EN 319 142-1, EN 319 122-1). */
public enum BaselineLevel {
    /** Not even B-B: the signature is invalid or not a baseline signature. */
    NONE,
    /** The signature alone. */
    B,
    /** B plus a valid timestamp over the signature (signature-time-stamp, or a later document timestamp). */
    T,
    /** T plus the certificates and revocation data of the signer's path in the document. */
    LT,
    /** LT plus a document timestamp (or archive timestamp) over that validation data. */
    LTA
}
