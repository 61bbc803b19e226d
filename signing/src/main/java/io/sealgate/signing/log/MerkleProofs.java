package io.sealgate.signing.log;

import java.security.MessageDigest;
import java.util.List;

/**
 * The verification algorithms of RFC 9162: inclusion (section 2.1.3.2) and consistency (section 2.1.4.2). They need
 * nothing but the proof, the sizes and the hashes, so an auditor can run them without the log.
 */
public final class MerkleProofs {
    private MerkleProofs() {
    }

    /**
     * Whether {@code proof} shows that the leaf with {@code leafHash} sits at {@code leafIndex} in the tree of
     * {@code treeSize} leaves whose root is {@code rootHash}.
     */
    public static boolean verifyInclusion(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> proof,
                                          byte[] rootHash) {
        if (leafIndex < 0 || leafIndex >= treeSize) {
            return false;
        }
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleTree.nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else {
                r = MerkleTree.nodeHash(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, rootHash);
    }

    /**
     * Whether {@code proof} shows that the tree of {@code firstSize} leaves with root {@code firstHash} is a prefix of
     * the tree of {@code secondSize} leaves with root {@code secondHash}. Equal sizes need an empty proof and equal
     * roots.
     */
    public static boolean verifyConsistency(long firstSize, long secondSize, byte[] firstHash, byte[] secondHash,
                                            List<byte[]> proof) {
        if (firstSize < 1 || firstSize > secondSize) {
            return false;
        }
        if (firstSize == secondSize) {
            return proof.isEmpty() && MessageDigest.isEqual(firstHash, secondHash);
        }
        if (proof.isEmpty()) {
            return false;
        }
        int start = 0;
        byte[] seed;
        // A first tree that is a complete subtree is itself the starting node; the proof then omits it.
        if (Long.bitCount(firstSize) == 1) {
            seed = firstHash;
        } else {
            seed = proof.get(0);
            start = 1;
        }
        long fn = firstSize - 1;
        long sn = secondSize - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        byte[] fr = seed;
        byte[] sr = seed;
        for (int i = start; i < proof.size(); i++) {
            byte[] c = proof.get(i);
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = MerkleTree.nodeHash(c, fr);
                sr = MerkleTree.nodeHash(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else {
                sr = MerkleTree.nodeHash(sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(fr, firstHash) && MessageDigest.isEqual(sr, secondHash);
    }
}
