package io.sealgate.proxy.it;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

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
    /** Every body size the pass-through tests try (0 B, 1 KiB, 10 MiB), with every framing. */
    static Stream<Arguments> sizesAndFramings() {
        return Stream.of(0, KIB, 10 * MIB).flatMap(size -> Stream.of(Framing.values())
                .map(framing -> Arguments.of(size, framing)));
    }

    /** What a PUT of a body and a GET of it back answered. */
    record PutThenGet(HttpResponse<String> put, HttpResponse<byte[]> get) {
    }

    /** PUTs {@code body} to {@code uri} with {@code framing}, then GETs it back from the same URI. */
    static PutThenGet putThenGet(HttpClient client, URI uri, byte[] body, Framing framing) throws Exception {
        HttpResponse<String> put = client.send(HttpRequest.newBuilder(uri).PUT(framing.publisher(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<byte[]> get = client.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return new PutThenGet(put, get);
    }

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
