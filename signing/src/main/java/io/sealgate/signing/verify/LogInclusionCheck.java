package io.sealgate.signing.verify;

import io.sealgate.signing.log.LeafCodec;
import io.sealgate.signing.log.LogEntry;
import io.sealgate.signing.log.LogException;
import io.sealgate.signing.log.LogLeaf;
import io.sealgate.signing.log.MerkleProofs;
import io.sealgate.signing.log.MerkleTree;
import io.sealgate.signing.log.SignatureLog;
import io.sealgate.signing.log.SignedTreeHead;
import io.sealgate.signing.log.VoidLeaf;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Whether each signature of a document is in a signature log: for a signature carrying log index N, fetches the
 * latest signed tree head (its signature checked against the log's certificate), entry N and its inclusion proof,
 * recomputes the leaf hash from the entry's bytes, verifies the proof against the head's root, and compares the
 * entry's {@code signatureValueSha256} with the signature's.
 *
 * <p>Only a contradiction makes a signature fail ({@link Outcome#CONTRADICTED}): the log vouches for entry N and
 * entry N is another signature by the same certificate, or the entry's proof does not lead to the signed root. An
 * entry by another certificate is {@link Outcome#NOT_IN_THIS_LOG} (the signature may come from another Sealgate,
 * another organisation's log), an index beyond the latest tree head {@link Outcome#NOT_COVERED}.
 */
public final class LogInclusionCheck {

    /** Where the log is read from: the proxy's {@code /.sealgate/log/} endpoints, or a local log. */
    public interface Source {
        /** Names the log in messages (a URL, or the config file). */
        String describe();

        SignedTreeHead treeHead() throws IOException;

        X509Certificate certificate() throws IOException;

        /** The canonical bytes of leaf {@code index}, below the latest tree head's size. */
        byte[] leaf(long index) throws IOException;

        /** The RFC 9162 audit path of leaf {@code index} in the tree of {@code treeSize} leaves. */
        List<byte[]> auditPath(long index, long treeSize) throws IOException;

        /** A source over a log opened here (a config's log, as {@code sealgate log} opens it). */
        static Source of(SignatureLog log, String description) {
            return new Source() {
                @Override
                public String describe() {
                    return description;
                }

                @Override
                public SignedTreeHead treeHead() throws IOException {
                    return io(() -> log.latestTreeHead());
                }

                @Override
                public X509Certificate certificate() {
                    return log.certificate();
                }

                @Override
                public byte[] leaf(long index) throws IOException {
                    return LeafCodec.encode(io(() -> log.entries(index, index + 1).get(0)));
                }

                @Override
                public List<byte[]> auditPath(long index, long treeSize) throws IOException {
                    return io(() -> log.inclusionProof(index, treeSize).auditPath());
                }
            };
        }
    }

    /** What the log says about one signature. */
    public enum Outcome { IN_LOG, CONTRADICTED, NOT_IN_THIS_LOG, NOT_COVERED, NO_INDEX }

    /** One signature's finding; {@code message} is the sentence the reports print. */
    public record Finding(int number, OptionalLong logIndex, Outcome outcome, String message) {
    }

    /**
     * The check of one document against one log.
     *
     * @param checked    false when the log could not be read or its tree head did not verify; {@code reason} says
     *                   why and {@code findings} is empty
     * @param treeSize   the latest signed tree head's size, -1 when not checked
     * @param treeHeadTime the latest signed tree head's time (ISO-8601), null when not checked
     */
    public record Result(String log, boolean checked, String reason, long treeSize, String treeHeadTime,
                         List<Finding> findings) {
        public Result {
            findings = List.copyOf(findings);
        }

        /** Whether the log contradicts a signature: the verdict is then INVALID. */
        public boolean contradicted() {
            return findings.stream().anyMatch(f -> f.outcome() == Outcome.CONTRADICTED);
        }
    }

    private LogInclusionCheck() {
    }

    public static Result check(List<LogReferences.Reference> references, Source source) {
        SignedTreeHead head;
        try {
            head = source.treeHead();
            if (!head.verifySignature(source.certificate())) {
                return notChecked(source, "the latest tree head (size " + head.treeSize()
                        + ") is not signed by the log's certificate");
            }
        } catch (IOException | RuntimeException e) {
            return notChecked(source, e.getMessage());
        }
        List<Finding> findings = new ArrayList<>();
        for (LogReferences.Reference ref : references) {
            try {
                findings.add(finding(ref, head, source));
            } catch (IOException | RuntimeException e) {
                return notChecked(source, e.getMessage());
            }
        }
        return new Result(source.describe(), true, null, head.treeSize(),
                Instant.ofEpochMilli(head.timestampMillis()).toString(), findings);
    }

    private static Finding finding(LogReferences.Reference ref, SignedTreeHead head, Source source)
            throws IOException {
        if (ref.indexClaimed().isEmpty()) {
            return new Finding(ref.number(), ref.indexClaimed(), Outcome.NO_INDEX, "no log index");
        }
        long index = ref.indexClaimed().getAsLong();
        long size = head.treeSize();
        if (index >= size) {
            return new Finding(ref.number(), ref.indexClaimed(), Outcome.NOT_COVERED, "not in log: it claims entry #"
                    + index + ", beyond the latest signed tree head (size " + size + ")");
        }
        byte[] bytes = source.leaf(index);
        if (!MerkleProofs.verifyInclusion(index, size, MerkleTree.leafHash(bytes), source.auditPath(index, size),
                head.rootHash())) {
            return new Finding(ref.number(), ref.indexClaimed(), Outcome.CONTRADICTED, "not in log: entry #" + index
                    + " as served does not lead to the signed root of tree head size " + size);
        }
        LogLeaf leaf;
        try {
            leaf = LeafCodec.decode(bytes);
        } catch (IllegalArgumentException e) {
            return new Finding(ref.number(), ref.indexClaimed(), Outcome.CONTRADICTED, "not in log: entry #" + index
                    + " is not a canonical log leaf: " + e.getMessage());
        }
        if (leaf instanceof LogEntry entry && entry.signatureValueSha256().equals(ref.signatureValueSha256())) {
            return new Finding(ref.number(), ref.indexClaimed(), Outcome.IN_LOG, "in log #" + index
                    + " (verified against tree head size " + size + ")");
        }
        if (leaf instanceof LogEntry entry && entry.certificateSha256().equals(ref.certificateSha256())) {
            return new Finding(ref.number(), ref.indexClaimed(), Outcome.CONTRADICTED, "not in log: entry #" + index
                    + " is another signature by the same certificate");
        }
        return new Finding(ref.number(), ref.indexClaimed(), Outcome.NOT_IN_THIS_LOG, "not in this log: entry #"
                + index + " is " + (leaf instanceof LogEntry ? "another certificate's signature"
                : leaf instanceof VoidLeaf ? "a void entry (a reserved index whose signature was never logged)"
                : "a status change")
                + " (the signature may be logged by another Sealgate)");
    }

    private static Result notChecked(Source source, String reason) {
        return new Result(source.describe(), false, "log not checked: " + reason, -1, null, List.of());
    }

    private interface LogCall<T> {
        T call() throws LogException;
    }

    private static <T> T io(LogCall<T> call) throws IOException {
        try {
            return call.call();
        } catch (LogException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
