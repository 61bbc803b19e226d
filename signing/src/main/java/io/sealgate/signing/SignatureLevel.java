package io.sealgate.signing;

import java.util.Locale;

/** An ETSI baseline level, independent of the format (PAdES for PDF, CAdES for other files). */
public enum SignatureLevel {
    B_B, B_T, B_LT, B_LTA;

    /** {@code B-B}, {@code B-T}, {@code B-LT}, {@code B-LTA}. */
    public String displayName() {
        return name().replace('_', '-');
    }

    /**
     * Parses {@code B-B}, {@code B-T}, {@code B-LT}, {@code B-LTA} (case-insensitive).
     *
     * @throws IllegalArgumentException {@code "signature level: X (expected: B-B, B-T, B-LT, B-LTA)"}
     */
    public static SignatureLevel parse(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT).replace('_', '-');
        for (SignatureLevel level : values()) {
            if (level.displayName().equals(t)) {
                return level;
            }
        }
        throw new IllegalArgumentException("signature level: " + text + " (expected: B-B, B-T, B-LT, B-LTA)");
    }
}
