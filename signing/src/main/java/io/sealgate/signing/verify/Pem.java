package io.sealgate.signing.verify;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Accepts a CMS signature as DER or as PEM ({@code -----BEGIN PKCS7-----} or {@code CMS}). */
final class Pem {

    private Pem() {
    }

    static byte[] derOf(byte[] data) {
        String head = new String(data, 0, Math.min(64, data.length), StandardCharsets.US_ASCII);
        if (!head.startsWith("-----BEGIN ")) {
            return data;
        }
        String text = new String(data, StandardCharsets.US_ASCII);
        int start = text.indexOf('\n', text.indexOf("-----BEGIN "));
        int end = text.indexOf("-----END ");
        if (start < 0 || end < start) {
            return data;
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(start + 1, end));
        } catch (IllegalArgumentException e) {
            return data;
        }
    }
}
