package io.sealgate.signing.log;

import java.util.List;
import java.util.Optional;

/**
 * Where the signature log keeps its leaves (canonical encodings, see {@link LeafCodec}) and signed tree heads. Leaf
 * indexes are dense, start at 0 and never change; tree heads are kept in the order they were integrated. Stores do
 * no Merkle hashing; {@link SignatureLog} does that on top.
 *
 * <p>A leaf's index can be reserved before the leaf exists ({@link #reserve}), so that a signature can embed the index
 * of its own entry: the reservation lasts until {@link #fill} or {@link #abandon}. {@link #size()} is the contiguous
 * prefix of filled leaves; leaves filled beyond an outstanding reservation join it (and the tree heads) once every
 * index below them is filled or voided.
 *
 * <p>Implementations are thread-safe. Several store instances may share one log only where the implementation says
 * so ({@link PostgresLogStore} does, {@link FileLogStore} locks its directory).
 */
public interface LogStore extends AutoCloseable {

    /**
     * Reserves the next leaf index for {@code holder} (a request id, for the record) and returns it; the index is
     * counted from here on, and no leaf at or after it joins {@link #size()} until it is filled or voided. May block
     * until an earlier reservation ends where the store allows only one at a time ({@link FileLogStore}).
     */
    long reserve(String holder) throws LogException;

    /**
     * Stores {@code leaf} at a reserved index; the leaf is durable once the returned {@link Commit} says so, and
     * until then {@link #size()} and {@link #latestTreeHead()} do not show it. When {@code headSigner} is not null, a
     * tree head over the new size is integrated too, in the same durable write where the store can
     * ({@link FileLogStore}: one {@code force} for both); {@code headSigner} may return null to store no head, and
     * must not throw for a head it could not sign (the leaf is stored regardless).
     *
     * @throws ReservationLostException when the reservation expired and the index was voided meanwhile: nothing
     *                                  was stored
     */
    Commit fill(long index, byte[] leaf, TreeHeadSigner headSigner) throws LogException;

    /**
     * What {@link #fill} returns: {@link #awaitDurable} returns once the leaf (and its head) is durable. Waiting
     * apart from storing lets a store make several fills durable together ({@link FileLogStore} forces once for
     * every fill written meanwhile).
     */
    @FunctionalInterface
    interface Commit {
        /** For stores whose fill is durable when it returns. */
        Commit DURABLE = () -> { };

        /**
         * Returns once the leaf is durable.
         *
         * @throws LogException when it could not be made durable: the store then refuses further work until it is
         *                      opened again (which recovers what a failed write left)
         */
        void awaitDurable() throws LogException;
    }

    /**
     * Gives up a reservation whose leaf will never come. Stores that must keep the index store {@code voidLeaf}
     * (the canonical encoding of a {@link VoidLeaf}) there; {@link FileLogStore} hands the index to the next
     * reservation instead. Does nothing when the reservation is gone already.
     */
    void abandon(long index, byte[] voidLeaf) throws LogException;

    /**
     * The number of leaves in the contiguous prefix of filled leaves (every index below it holds a leaf), including
     * those appended by other instances sharing this store.
     */
    long size() throws LogException;

    /**
     * Leaves {@code from} (inclusive) to {@code to} (exclusive), {@code 0 <= from <= to}; every index in the range must
     * hold a leaf (those below {@link #size()} always do).
     */
    List<byte[]> read(long from, long to) throws LogException;

    /** The most recently integrated tree head, if any. */
    Optional<SignedTreeHead> latestTreeHead() throws LogException;

    /**
     * Integrates a new tree head, one integrator at a time across every instance sharing the store: under that
     * exclusive lock, voids reservations older than the store's reservation timeout (where the store has one), then,
     * when {@link #size()} exceeds what the latest head covers (or {@code force} is set), calls {@code signer} with
     * the current size and the latest head, and stores what it returns. Returns the stored head, or the latest one
     * when there was nothing to do.
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

    /**
     * Signs the head for a tree size; called by {@link #integrateTreeHead} and {@link #fill} under the store's
     * integration lock.
     */
    @FunctionalInterface
    interface TreeHeadSigner {
        SignedTreeHead sign(long treeSize, Optional<SignedTreeHead> latest) throws LogException;
    }
}
