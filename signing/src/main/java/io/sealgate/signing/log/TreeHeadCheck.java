package io.sealgate.signing.log;

/** Whether a stored tree head matches the recomputed tree, and which entry to blame when it does not. */
final class TreeHeadCheck {
    private TreeHeadCheck() {
    }

    /**
     * A sentence describing why {@code head} does not match {@code tree}, or null when it does.
     *
     * @param lastGoodSize the size of the last earlier head that matched: entries below it are vouched for
     */
    static String rootProblem(MerkleTree tree, long ordinal, SignedTreeHead head, long lastGoodSize) {
        long size = head.treeSize();
        String name = "tree head " + ordinal + " (size " + size + ")";
        if (size == tree.size() + 1) {
            return name + " covers entry " + tree.size() + ", which is not stored before it";
        }
        if (size > tree.size()) {
            return name + " covers entries " + tree.size() + ".." + (size - 1) + ", which are not stored before it";
        }
        if (SignatureLog.sameHash(tree.rootHash(size), head.rootHash())) {
            return null;
        }
        if (size - lastGoodSize == 1) {
            return "entry " + (size - 1) + " differs from what " + name + " signed";
        }
        if (size > lastGoodSize) {
            return name + " does not match the entries: one of entries " + lastGoodSize + ".." + (size - 1)
                    + " differs from what it signed";
        }
        return name + " does not match the entries, which the tree head before it vouches for";
    }

    /** The single entry {@link #rootProblem} blames, or -1. */
    static long namedEntry(MerkleTree tree, SignedTreeHead head, long lastGoodSize) {
        if (head.treeSize() == tree.size() + 1) {
            return tree.size();
        }
        return head.treeSize() - lastGoodSize == 1 && head.treeSize() <= tree.size() ? head.treeSize() - 1 : -1;
    }
}
