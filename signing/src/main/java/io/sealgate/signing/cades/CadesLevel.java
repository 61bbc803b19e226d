package io.sealgate.signing.cades;

import java.util.Locale;

/**
 * The CAdES baseline level of a detached signature (ETSI EN 319 122-1). Each level contains the one before it.
 * B-LTA (archive timestamps) is not offered for CAdES: long-term archival of non-PDF files is done by re-sealing.
 */
public enum CadesLevel {
    /** The CMS signature with content-type, message-digest, signing-certificate-v2 and signing-time. */
    BASELINE_B,
    /** B-B plus a signature-time-stamp unsigned attribute; needs a timestamp source. */
    BASELINE_T,
    /** B-T plus the certificate chains and revocation evidence in {@code SignedData}; needs a revocation source. */
    BASELINE_LT;

    boolean needsTimestamp() {
        return this != BASELINE_B;
    }

    boolean needsValidationData() {
        return this == BASELINE_LT;
    }

    /**
     * Parses {@code B-B}, {@code B-T}, {@code B-LT} (case-insensitive).
     *
     * @throws IllegalArgumentException {@code "CAdES level: B-LTA (expected: B-B, B-T, B-LT)"}
     */
    public static CadesLevel parse(String text) {
        return switch (text.strip().toUpperCase(Locale.ROOT)) {
            case "B-B", "B" -> BASELINE_B;
            case "B-T", "T" -> BASELINE_T;
            case "B-LT", "LT" -> BASELINE_LT;
            default -> throw new IllegalArgumentException("CAdES level: " + text + " (expected: B-B, B-T, B-LT)");
        };
    }
}
