package io.sealgate.proxy.it;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/** Request bodies for the pass-through tests: sizes, framing, and their SHA-256. */
final class Bodies {
    static final int KIB = 1024;
    static final int MIB = 1024 * KIB;

    private Bodies() {}

    /** How the client frames the request body. */
    enum Framing {
        FIXED_LENGTH, CHUNKED;

        HttpRequest.BodyPublisher publisher(byte[] body) {
            // ofInputStream has no known length, so HttpClient sends Transfer-Encoding: chunked.
            return this == FIXED_LENGTH ? HttpRequest.BodyPublishers.ofByteArray(body)
                    : HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
        }
    }

    /** Deterministic pseudo-random bytes (incompressible, every byte value present). */
    static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(31L * size + 7).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
