package io.sealgate.proxy.testing;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic test bytes of any length, generated on the fly (never held in memory), and SHA-256 helpers. Byte i
 * mixes several bits of i, so reordered, dropped or repeated chunks change the digest.
 */
public final class TestData {

    private TestData() {}

    public static byte byteAt(long i) {
        return (byte) ((i ^ (i >>> 8) ^ (i >>> 16) ^ (i >>> 24)) * 31 + 7);
    }

    /** Fills {@code buf[0..len)} with the bytes starting at {@code offset}. */
    public static void fill(byte[] buf, int len, long offset) {
        for (int i = 0; i < len; i++) {
            buf[i] = byteAt(offset + i);
        }
    }

    public static InputStream stream(long length) {
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                return position < length ? byteAt(position++) & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= length) {
                    return -1;
                }
                int n = (int) Math.min(len, length - position);
                for (int i = 0; i < n; i++) {
                    b[off + i] = byteAt(position + i);
                }
                position += n;
                return n;
            }
        };
    }

    public static String sha256(long length) {
        MessageDigest digest = sha256();
        byte[] buf = new byte[65536];
        for (long done = 0; done < length; ) {
            int n = (int) Math.min(buf.length, length - done);
            fill(buf, n, done);
            digest.update(buf, 0, n);
            done += n;
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a stream to its end and returns {@code "<bytes> <sha256>"}. */
    public static String digestOf(InputStream in) throws java.io.IOException {
        MessageDigest digest = sha256();
        byte[] buf = new byte[65536];
        long total = 0;
        for (int n; (n = in.read(buf)) != -1; ) {
            digest.update(buf, 0, n);
            total += n;
        }
        return total + " " + HexFormat.of().formatHex(digest.digest());
    }
}
