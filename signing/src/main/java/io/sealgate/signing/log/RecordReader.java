package io.sealgate.signing.log;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Reads {@link FileLogStore}'s record file front to back, checking the framing, both checksums and the running
 * numbering of entries and tree heads. A record is <em>torn</em> when the file ends inside it, or when everything
 * from its first byte to the end of the file is zero (a pre-allocated tail after a crash); anything else that does
 * not verify is corruption, named by the entry or tree head the reader expected.
 */
final class RecordReader {
    static final byte[] MAGIC = {'S', 'G', 'L', 'O', 'G', 'v', '1', '\n'};
    static final int HEADER_BYTES = 1 + 8 + 4 + 4;
    static final int MAX_PAYLOAD_BYTES = 1 << 20;
    static final byte LEAF = 1;
    static final byte TREE_HEAD = 2;

    /** Receives each verified record with its byte offset. */
    interface Sink {
        void record(byte type, long ordinal, long offset, byte[] payload) throws LogException;
    }

    /** Where reading stopped: the end of the last good record, and the torn tail's length (0 when none). */
    record End(long goodBytes, long tornBytes, long leaves, long treeHeads) {
    }

    private RecordReader() {
    }

    static End read(Path file, Sink sink) throws LogException {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 20))) {
            long fileSize = Files.size(file);
            byte[] magic = new byte[MAGIC.length];
            if (fileSize >= MAGIC.length) {
                in.readFully(magic);
            }
            if (!Arrays.equals(magic, MAGIC)) {
                throw new LogCorruptedException("signature log " + file + " does not start with the record file"
                        + " header \"SGLOGv1\"", -1);
            }
            long offset = MAGIC.length;
            long leaves = 0;
            long heads = 0;
            byte[] header = new byte[HEADER_BYTES];
            while (offset < fileSize) {
                long remaining = fileSize - offset;
                if (remaining < HEADER_BYTES) {
                    return new End(offset, remaining, leaves, heads);
                }
                in.readFully(header);
                ByteBuffer h = ByteBuffer.wrap(header);
                byte type = h.get();
                long ordinal = h.getLong();
                int length = h.getInt();
                int headerCrc = h.getInt();
                if (crc(header, 0, HEADER_BYTES - 4) != headerCrc) {
                    if (isZero(header) && restIsZero(in)) {
                        return new End(offset, remaining, leaves, heads);
                    }
                    // One changed byte leaves either the type or the length intact; name the record by what it is.
                    boolean leaf = type == LEAF || type != TREE_HEAD && payloadLooksLikeLeaf(in, length, remaining);
                    throw corrupted(file, (leaf ? "entry " + leaves : "tree head " + heads) + " at byte offset "
                            + offset + " fails its header checksum", leaf ? leaves : -1);
                }
                String expected = type == TREE_HEAD ? "tree head " + heads : "entry " + leaves;
                long namedEntry = type == TREE_HEAD ? -1 : leaves;
                if (type != LEAF && type != TREE_HEAD) {
                    throw corrupted(file, "record at byte offset " + offset + " has unknown type " + type
                            + " (expected: 1 entry, 2 tree head)", leaves);
                }
                long expectedOrdinal = type == LEAF ? leaves : heads;
                if (ordinal != expectedOrdinal) {
                    String found = type == LEAF ? "entry " + ordinal : "tree head " + ordinal;
                    throw corrupted(file, expected + " is missing or out of order: found " + found
                            + " at byte offset " + offset, namedEntry);
                }
                if (length < 0 || length > MAX_PAYLOAD_BYTES) {
                    throw corrupted(file, expected + " at byte offset " + offset + " claims " + length
                            + " bytes (expected: 0-" + MAX_PAYLOAD_BYTES + ")", namedEntry);
                }
                if (remaining < (long) HEADER_BYTES + length + 4) {
                    return new End(offset, remaining, leaves, heads);
                }
                byte[] payload = new byte[length];
                in.readFully(payload);
                int payloadCrc = in.readInt();
                if (crc(payload, 0, length) != payloadCrc) {
                    throw corrupted(file, expected + " at byte offset " + offset + " fails its checksum",
                            namedEntry);
                }
                sink.record(type, ordinal, offset, payload);
                if (type == LEAF) {
                    leaves++;
                } else {
                    heads++;
                }
                offset += HEADER_BYTES + length + 4L;
            }
            return new End(offset, 0, leaves, heads);
        } catch (EOFException e) {
            throw new LogCorruptedException("signature log " + file + " changed size while being read", -1);
        } catch (IOException e) {
            throw new LogException("cannot read signature log " + file + ": " + e.getMessage(), e);
        }
    }

    static LogCorruptedException corrupted(Path file, String what, long entryIndex) {
        return new LogCorruptedException("signature log " + file + " does not verify: " + what, entryIndex);
    }

    static int crc(byte[] bytes, int from, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, from, length);
        return (int) crc.getValue();
    }

    /** Leaf payloads are JSON objects; tree heads start with their version byte, 1. */
    private static boolean payloadLooksLikeLeaf(DataInputStream in, int length, long remaining) throws IOException {
        if (length < 1 || length > MAX_PAYLOAD_BYTES || remaining < (long) HEADER_BYTES + length) {
            return true;
        }
        return in.readByte() == '{';
    }

    private static boolean isZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean restIsZero(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) > 0; ) {
            if (!isZero(Arrays.copyOf(buffer, n))) {
                return false;
            }
        }
        return true;
    }
}
