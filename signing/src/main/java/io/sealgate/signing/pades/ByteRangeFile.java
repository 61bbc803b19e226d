package io.sealgate.signing.pades;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A freshly written signed revision on disk whose {@code /Contents} is still a zero placeholder. The digest is read
 * back from the file over the {@code /ByteRange} (never from a copy in memory, so a 500 MiB document costs 64 KiB
 * of buffer), and the signature is then written into the placeholder in place.
 */
final class ByteRangeFile {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path file;
    private final long[] byteRange;

    ByteRangeFile(Path file, int[] byteRange) {
        if (byteRange == null || byteRange.length != 4 || byteRange[0] != 0) {
            throw new IllegalStateException("unexpected /ByteRange written by PDFBox in " + file);
        }
        this.file = file;
        // PDFBox writes ints; widen so that offsets beyond 2 GiB do not wrap in our arithmetic.
        this.byteRange = new long[] {
                Integer.toUnsignedLong(byteRange[0]), Integer.toUnsignedLong(byteRange[1]),
                Integer.toUnsignedLong(byteRange[2]), Integer.toUnsignedLong(byteRange[3])};
    }

    /** SHA-256 over both ranges, read from the file. */
    byte[] sha256() throws IOException {
        MessageDigest md = Digests.newSha256();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() != byteRange[2] + byteRange[3]) {
                throw new IOException("/ByteRange does not end at the end of " + file);
            }
            ByteBuffer buf = ByteBuffer.allocate(BUFFER_BYTES);
            digest(ch, byteRange[0], byteRange[1], md, buf);
            digest(ch, byteRange[2], byteRange[3], md, buf);
        }
        return md.digest();
    }

    /** The room for the DER signature in the placeholder, in bytes. */
    long capacityBytes() {
        return (byteRange[2] - byteRange[1] - 2) / 2;
    }

    /** Writes {@code der} as hex into the placeholder between {@code <} and {@code >}; the rest stays zeros. */
    void writeContents(byte[] der) throws IOException {
        if (der.length > capacityBytes()) {
            throw new IOException("the signature needs " + der.length + " bytes but the placeholder holds "
                    + capacityBytes());
        }
        byte[] hex = HexFormat.of().withUpperCase().formatHex(der).getBytes(StandardCharsets.US_ASCII);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer lt = ByteBuffer.allocate(1);
            ch.read(lt, byteRange[1]);
            if (lt.get(0) != '<') {
                throw new IOException("/Contents placeholder not found at offset " + byteRange[1] + " of " + file);
            }
            ByteBuffer src = ByteBuffer.wrap(hex);
            long pos = byteRange[1] + 1;
            while (src.hasRemaining()) {
                pos += ch.write(src, pos);
            }
            // No force: the signed file is a spool file on its way upstream (or the CLI's output); its durability
            // is the upstream's business, and an fdatasync per document cost a disk flush inside the log
            // reservation, which serialises finishing documents.
        }
    }

    private static void digest(FileChannel ch, long start, long length, MessageDigest md, ByteBuffer buf)
            throws IOException {
        long pos = start;
        long end = start + length;
        while (pos < end) {
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), end - pos));
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file at offset " + pos);
            }
            buf.flip();
            md.update(buf);
            pos += n;
        }
    }
}
