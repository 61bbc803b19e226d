package io.sealgate.signing.log;

import java.util.List;

/** That the tree of {@code firstSize} leaves is a prefix of the tree of {@code secondSize}: RFC 9162's PROOF. */
public record ConsistencyProof(long firstSize, long secondSize, List<byte[]> path) {

    public ConsistencyProof {
        path = path.stream().map(byte[]::clone).toList();
    }

    /** RFC 9162 section 2.1.4.2 against the two signed roots. */
    public boolean verify(byte[] firstRootHash, byte[] secondRootHash) {
        return MerkleProofs.verifyConsistency(firstSize, secondSize, firstRootHash, secondRootHash, path);
    }
}
