package io.sealgate.signing.log;

import java.util.List;
import java.util.Optional;

/**
 * Where the signature log keeps its leaves (canonical encodings, see {@link LeafCodec}) and signed tree heads. Leaf
 * indexes are dense, start at 0 and never change; tree heads are kept in the order they were integrated. Stores do
 * no Merkle hashing; {@link SignatureLog} does that on top.
 *
 * <p>Implementations are thread-safe. Several store instances may share one log only where the implementation says
 * so ({@link PostgresLogStore} does, {@link FileLogStore} locks its directory).
 */
public interface LogStore extends AutoCloseable {

    /** Appends one leaf and returns its index once the leaf is durable (fsync or committed transaction). */
    long append(byte[] leaf) throws LogException;

    /** The number of leaves stored, including those appended by other instances sharing this store. */
    long size() throws LogException;

    /** Leaves {@code from} (inclusive) to {@code to} (exclusive), {@code 0 <= from <= to <= size()}. */
    List<byte[]> read(long from, long to) throws LogException;

    /** The most recently integrated tree head, if any. */
    Optional<SignedTreeHead> latestTreeHead() throws LogException;

    /**
     * Integrates a new tree head, one integrator at a time across every instance sharing the store: under that
     * exclusive lock, when the store holds more leaves than the latest head covers (or {@code force} is set), calls
     * {@code signer} with the current size and the latest head, and stores what it returns. Returns the stored head,
     * or the latest one when there was nothing to do.
     */
    SignedTreeHead integrateTreeHead(TreeHeadSigner signer, boolean force) throws LogException;

    /**
     * Reads everything back from storage (not from caches), checking the store's own framing as it goes, and hands
     * each leaf and tree head to {@code visitor}; a tree head is visited only after the leaves it covers.
     *
     * @throws LogCorruptedException naming the entry or record where the storage does not verify
     */
    void scan(Visitor visitor) throws LogException;

    /** What {@code open} repaired, such as a torn last record it cut, or empty. */
    Optional<String> recovery();

    /** A short description for messages, such as the directory or the database URL. */
    String describe();

    @Override
    void close() throws LogException;

    /** Receives a store's contents from {@link #scan}. */
    interface Visitor {
        void leaf(long index, byte[] leaf) throws LogException;

        void treeHead(long ordinal, SignedTreeHead head) throws LogException;
    }

    /** Signs the head for a tree size; called by {@link #integrateTreeHead} under the store's integration lock. */
    @FunctionalInterface
    interface TreeHeadSigner {
        SignedTreeHead sign(long treeSize, Optional<SignedTreeHead> latest) throws LogException;
    }
}
