package io.sealgate.signing.log;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only Merkle tree over leaf hashes, exactly as RFC 9162 section 2.1 defines it: MTH, PATH (inclusion) and
 * PROOF (consistency). Leaf hashes are {@code SHA-256(0x00 || leaf)} (see {@link #leafHash}); interior nodes are
 * {@code SHA-256(0x01 || left || right)}.
 *
 * <p>Besides the leaf hashes the tree keeps the hash of every complete, aligned subtree (size 2<sup>k</sup> starting
 * at a multiple of 2<sup>k</sup>), filled in as the last leaf of that subtree arrives. Every subtree that RFC 9162's
 * recursion asks for is either such a complete subtree (one lookup) or splits into one plus a smaller right part, so a
 * root hash costs O(log n) hash operations and a proof O(log<sup>2</sup> n), for any historical tree size. Memory is
 * about 64 bytes per leaf.
 *
 * <p>Not thread-safe: {@link SignatureLog} guards it.
 */
public final class MerkleTree {
    private final List<HashList> levels = new ArrayList<>();

    public MerkleTree() {
        levels.add(new HashList());
    }

    /** {@code SHA-256(0x00 || leafData)}. */
    public static byte[] leafHash(byte[] leafData) {
        MessageDigest sha256 = sha256();
        sha256.update((byte) 0x00);
        return sha256.digest(leafData);
    }

    /** {@code SHA-256(0x01 || left || right)}. */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha256 = sha256();
        sha256.update((byte) 0x01);
        sha256.update(left);
        return sha256.digest(right);
    }

    /** The number of leaves. */
    public long size() {
        return levels.get(0).size();
    }

    /** The hash of leaf {@code index}. */
    public byte[] leafHashAt(long index) {
        return levels.get(0).get(index);
    }

    /** Appends a leaf hash (32 bytes) and completes every subtree that this leaf closes. */
    public void append(byte[] leafHash) {
        if (leafHash.length != HashList.HASH_BYTES) {
            throw new IllegalArgumentException("leafHash: " + leafHash.length + " bytes (expected: 32)");
        }
        long index = size();
        levels.get(0).add(leafHash);
        byte[] hash = leafHash;
        // Leaf `index` closes the subtree of size 2^k at level k while the low k bits of index are all ones.
        for (int level = 1; ((index + 1) & ((1L << level) - 1)) == 0; level++) {
            if (levels.size() == level) {
                levels.add(new HashList());
            }
            long leftIndex = ((index + 1) >>> level << 1) - 2;
            hash = nodeHash(levels.get(level - 1).get(leftIndex), hash);
            levels.get(level).add(hash);
        }
    }

    /** MTH of the first {@code treeSize} leaves; the hash of the empty string for size 0 (RFC 9162 2.1.1). */
    public byte[] rootHash(long treeSize) {
        checkSize("treeSize", treeSize);
        if (treeSize == 0) {
            return sha256().digest();
        }
        return subtreeHash(0, treeSize);
    }

    /** PATH(index, D[treeSize]) of RFC 9162 2.1.3.1, leaf-side sibling first. */
    public List<byte[]> inclusionProof(long index, long treeSize) {
        checkSize("treeSize", treeSize);
        if (index < 0 || index >= treeSize) {
            throw new IllegalArgumentException("index: " + index + " (expected: 0-" + (treeSize - 1) + ")");
        }
        List<byte[]> proof = new ArrayList<>();
        path(index, 0, treeSize, proof);
        return proof;
    }

    /** PROOF(first, D[second]) of RFC 9162 2.1.4.1; empty when {@code first == second}. */
    public List<byte[]> consistencyProof(long first, long second) {
        checkSize("second", second);
        if (first < 1 || first > second) {
            throw new IllegalArgumentException("first: " + first + " (expected: 1-" + second + ")");
        }
        List<byte[]> proof = new ArrayList<>();
        if (first < second) {
            subproof(first, 0, second, true, proof);
        }
        return proof;
    }

    private void path(long index, long lo, long hi, List<byte[]> proof) {
        long n = hi - lo;
        if (n == 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (index - lo < k) {
            path(index, lo, lo + k, proof);
            proof.add(subtreeHash(lo + k, hi));
        } else {
            path(index, lo + k, hi, proof);
            proof.add(subtreeHash(lo, lo + k));
        }
    }

    /** SUBPROOF(m, D[lo:hi], b) with m counted from lo. */
    private void subproof(long m, long lo, long hi, boolean completeSubtree, List<byte[]> proof) {
        long n = hi - lo;
        if (m == n) {
            if (!completeSubtree) {
                proof.add(subtreeHash(lo, hi));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, lo, lo + k, completeSubtree, proof);
            proof.add(subtreeHash(lo + k, hi));
        } else {
            subproof(m - k, lo + k, hi, false, proof);
            proof.add(subtreeHash(lo, lo + k));
        }
    }

    /** MTH(D[lo:hi]); lo is always a multiple of the largest power of two below hi - lo in RFC 9162's recursion. */
    private byte[] subtreeHash(long lo, long hi) {
        long n = hi - lo;
        if (Long.bitCount(n) == 1 && lo % n == 0) {
            int level = Long.numberOfTrailingZeros(n);
            return levels.get(level).get(lo >>> level);
        }
        long k = largestPowerOfTwoBelow(n);
        return nodeHash(subtreeHash(lo, lo + k), subtreeHash(lo + k, hi));
    }

    /** The largest power of two strictly smaller than n (n >= 2). */
    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }

    private void checkSize(String name, long treeSize) {
        if (treeSize < 0 || treeSize > size()) {
            throw new IllegalArgumentException(name + ": " + treeSize + " (expected: 0-" + size() + ")");
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
