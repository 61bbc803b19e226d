package io.sealgate.signing.log;

import java.util.List;

/**
 * That leaf {@code leafIndex}, whose hash is {@code leafHash}, is in the tree of {@code treeSize} leaves: the RFC 9162
 * audit path, leaf-side sibling first.
 */
public record InclusionProof(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> auditPath) {

    public InclusionProof {
        leafHash = leafHash.clone();
        auditPath = auditPath.stream().map(byte[]::clone).toList();
    }

    /** RFC 9162 section 2.1.3.2 against {@code rootHash}, the root of a signed tree head of {@link #treeSize}. */
    public boolean verify(byte[] rootHash) {
        return MerkleProofs.verifyInclusion(leafIndex, treeSize, leafHash, auditPath, rootHash);
    }

    @Override
    public byte[] leafHash() {
        return leafHash.clone();
    }
}
