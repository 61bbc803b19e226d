package io.sealgate.signing.log;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A growable list of 32-byte hashes stored in 1 MiB chunks, so that a million leaves cost 32 MiB without one huge
 * array copy on growth. Not thread-safe; {@link MerkleTree} guards it.
 */
final class HashList {
    static final int HASH_BYTES = 32;
    private static final int CHUNK_SHIFT = 15; // 32768 hashes = 1 MiB per chunk
    private static final int CHUNK_HASHES = 1 << CHUNK_SHIFT;
    private static final int FIRST_HASHES = 64;

    private final List<byte[]> chunks = new ArrayList<>();
    private long size;

    long size() {
        return size;
    }

    void add(byte[] hash) {
        int offset = (int) (size & (CHUNK_HASHES - 1));
        if (offset == 0) {
            chunks.add(new byte[FIRST_HASHES * HASH_BYTES]);
        }
        int last = chunks.size() - 1;
        byte[] chunk = chunks.get(last);
        if (offset * HASH_BYTES == chunk.length) {
            // Only the last chunk grows, doubling up to 1 MiB: the upper tree levels stay small.
            chunk = Arrays.copyOf(chunk, Math.min(chunk.length * 2, CHUNK_HASHES * HASH_BYTES));
            chunks.set(last, chunk);
        }
        System.arraycopy(hash, 0, chunk, offset * HASH_BYTES, HASH_BYTES);
        size++;
    }

    byte[] get(long index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index: " + index + " (expected: 0-" + (size - 1) + ")");
        }
        byte[] chunk = chunks.get((int) (index >>> CHUNK_SHIFT));
        int from = (int) (index & (CHUNK_HASHES - 1)) * HASH_BYTES;
        return Arrays.copyOfRange(chunk, from, from + HASH_BYTES);
    }
}
