package io.sealgate.signing.pades;

/**
 * The PAdES baseline level of a signature (ETSI EN 319 142-1). Each level contains the one before it.
 */
public enum PadesLevel {
    /** The CMS signature alone. */
    BASELINE_B,
    /** B-B plus an RFC 3161 signature-time-stamp in the signer info; needs a timestamp source. */
    BASELINE_T,
    /** B-T plus a {@code /DSS} dictionary with certificates and revocation data; needs a revocation source. */
    BASELINE_LT,
    /** B-LT plus a document timestamp ({@code /ETSI.RFC3161}) over everything. */
    BASELINE_LTA;

    boolean needsTimestamp() {
        return this != BASELINE_B;
    }

    boolean needsValidationData() {
        return this == BASELINE_LT || this == BASELINE_LTA;
    }
}
