package io.sealgate.signing.log;

import io.sealgate.signing.log.LogVerification.Problem;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@link SignatureLog#verify()}: reads the store back through {@link LogStore#scan}, rebuilds the tree from scratch
 * and checks every entry and tree head, collecting problems instead of stopping at the first.
 */
final class LogVerifier {
    private final LogStore store;
    private final MerkleTree loaded;
    private final X509Certificate certificate;
    private final MerkleTree fresh = new MerkleTree();
    private final List<Boolean> isSignature = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private long treeHeads;
    private long lastGoodHeadSize;
    private SignedTreeHead previous;
    private boolean rootMismatchReported;

    LogVerifier(LogStore store, MerkleTree loaded, X509Certificate certificate) {
        this.store = store;
        this.loaded = loaded;
        this.certificate = certificate;
    }

    LogVerification run() throws LogException {
        try {
            store.scan(new LogStore.Visitor() {
                @Override
                public void leaf(long index, byte[] leaf) {
                    checkLeaf(index, leaf);
                }

                @Override
                public void treeHead(long ordinal, SignedTreeHead head) {
                    checkHead(ordinal, head);
                }
            });
        } catch (LogCorruptedException e) {
            problems.add(new Problem(e.entryIndex(), OptionalLong.empty(), e.getMessage()));
        }
        if (fresh.size() < loaded.size() && problems.isEmpty()) {
            entryProblem(fresh.size(), "the store holds " + fresh.size() + " entries but " + loaded.size()
                    + " were appended: entries " + fresh.size() + ".." + (loaded.size() - 1) + " are missing");
        }
        return new LogVerification(fresh.size(), treeHeads, problems);
    }

    private void checkLeaf(long index, byte[] leaf) {
        byte[] hash = MerkleTree.leafHash(leaf);
        fresh.append(hash);
        LogLeaf decoded = null;
        try {
            decoded = LeafCodec.decode(leaf);
        } catch (IllegalArgumentException e) {
            entryProblem(index, "entry " + index + " is not a canonical log leaf: " + e.getMessage());
        }
        isSignature.add(decoded instanceof LogEntry);
        if (decoded instanceof StatusChange change
                && (change.entryIndex() >= index || !isSignature.get((int) change.entryIndex()))) {
            entryProblem(index, "entry " + index + " is a status change for entry " + change.entryIndex()
                    + ", which is not an earlier signature entry");
        }
        if (index < loaded.size() && !SignatureLog.sameHash(hash, loaded.leafHashAt(index))) {
            entryProblem(index, "entry " + index + " changed in the store since this log opened it (leaf hash "
                    + SignatureLog.hex(hash) + ", was " + SignatureLog.hex(loaded.leafHashAt(index)) + ")");
        }
    }

    private void checkHead(long ordinal, SignedTreeHead head) {
        treeHeads++;
        String name = "tree head " + ordinal + " (size " + head.treeSize() + ")";
        if (previous != null && head.treeSize() < previous.treeSize()) {
            headProblem(ordinal, name + " is smaller than the tree head before it (size " + previous.treeSize() + ")");
        }
        if (previous != null && head.timestampMillis() < previous.timestampMillis()) {
            headProblem(ordinal, name + " is dated before the tree head before it");
        }
        if (!head.verifySignature(certificate)) {
            // The head itself was changed (or signed by another key): it vouches for nothing, so do not let it
            // blame the entries.
            headProblem(ordinal, name + " is not signed by the log key (certificate "
                    + certificate.getSubjectX500Principal() + ")");
            previous = head;
            return;
        }
        String rootProblem = TreeHeadCheck.rootProblem(fresh, ordinal, head, lastGoodHeadSize);
        if (rootProblem == null) {
            lastGoodHeadSize = head.treeSize();
        } else if (!rootMismatchReported) {
            // Every later head covers the same damage; one report names it.
            rootMismatchReported = true;
            long entry = TreeHeadCheck.namedEntry(fresh, head, lastGoodHeadSize);
            problems.add(new Problem(entry < 0 ? OptionalLong.empty() : OptionalLong.of(entry),
                    OptionalLong.of(ordinal), rootProblem));
        }
        previous = head;
    }

    private void entryProblem(long index, String message) {
        problems.add(new Problem(OptionalLong.of(index), OptionalLong.empty(), message));
    }

    private void headProblem(long ordinal, String message) {
        problems.add(new Problem(OptionalLong.empty(), OptionalLong.of(ordinal), message));
    }
}
