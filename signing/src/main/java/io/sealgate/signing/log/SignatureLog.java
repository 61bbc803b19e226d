package io.sealgate.signing.log;

import io.sealgate.signing.SigningException;
import io.sealgate.signing.SigningKey;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tamper-evident signature log: an RFC 9162 Merkle tree over {@link LogLeaf} encodings, kept in a
 * {@link LogStore}, with tree heads signed by the log's own key.
 *
 * <p>{@link #open} reads the whole store, recomputes the tree, and checks every stored tree head's root (and the
 * latest head's signature); when the store repaired a torn record, or holds leaves no head covers yet, it signs a
 * fresh head. {@link #append} returns the leaf index after the store made the leaf durable, and by default signs a
 * tree head covering it ({@link Options#treeHeadEveryAppends}). Proofs work for any historical tree size.
 *
 * <p>A signature that must embed its own entry's index reserves it first ({@link #reserve}), then {@link #fill}s it
 * with the entry, or {@link #abandon}s it when the signature fails. The tree and the tree heads cover the contiguous
 * prefix of filled leaves ({@link LogStore#size()}).
 *
 * <p>Thread-safe; methods are serialised on this object, except {@link #reserve} (which may wait for the file
 * store's one reservation) and the waiting part of {@link #append}. Several instances may share a
 * {@link PostgresLogStore}: each catches up with the others' leaves before it signs or proves.
 */
public final class SignatureLog implements AutoCloseable {
    private static final Logger logger = LoggerFactory.getLogger(SignatureLog.class);
    private static final int READ_BATCH = 10_000;

    private final LogStore store;
    private final SigningKey key;
    private final Options options;
    private final MerkleTree tree = new MerkleTree();
    private long appendsSinceHead;

    /**
     * @param treeHeadEveryAppends sign a tree head after this many appends by this instance (1: every append has a
     *                             signed head right away; larger values trade that for throughput)
     * @param clock                the clock for tree head timestamps
     */
    public record Options(int treeHeadEveryAppends, Clock clock) {
        public static final Options DEFAULT = new Options(1, Clock.systemUTC());

        public Options {
            if (treeHeadEveryAppends < 1) {
                throw new IllegalArgumentException("treeHeadEveryAppends: " + treeHeadEveryAppends
                        + " (expected: >= 1)");
            }
        }
    }

    private SignatureLog(LogStore store, SigningKey key, Options options) {
        this.store = store;
        this.key = key;
        this.options = options;
    }

    /** Opens the log with {@link Options#DEFAULT}. */
    public static SignatureLog open(LogStore store, SigningKey logKey) throws LogException {
        return open(store, logKey, Options.DEFAULT);
    }

    /**
     * Opens the log over {@code store}, verifying it as described above; the log owns the store from here on.
     *
     * @throws LogCorruptedException naming the entry or tree head when the stored log does not verify
     */
    public static SignatureLog open(LogStore store, SigningKey logKey, Options options) throws LogException {
        SignatureLog log = new SignatureLog(store, logKey, options);
        log.load();
        store.recovery().ifPresent(what -> logger.warn("Signature log {}: {}; signing a new tree head",
                store.describe(), what));
        synchronized (log) {
            log.integrate(store.recovery().isPresent());
        }
        return log;
    }

    private void load() throws LogException {
        long[] lastGoodHeadSize = {0};
        X509Certificate certificate = key.certificate();
        SignedTreeHead[] latest = new SignedTreeHead[1];
        store.scan(new LogStore.Visitor() {
            @Override
            public void leaf(long index, byte[] leaf) {
                // Not decoded here: the store's checksums and the tree heads vouch for the bytes, and decoding a
                // million leaves would double the time to open; verify() decodes every leaf.
                tree.append(MerkleTree.leafHash(leaf));
            }

            @Override
            public void treeHead(long ordinal, SignedTreeHead head) throws LogException {
                String problem = TreeHeadCheck.rootProblem(tree, ordinal, head, lastGoodHeadSize[0]);
                if (problem != null && !head.verifySignature(certificate)) {
                    // A head that does not match and is not ours was changed itself; the entries may be fine.
                    problem = "tree head " + ordinal + " (size " + head.treeSize() + ") is not signed by the log key '"
                            + key.label() + "'";
                    throw new LogCorruptedException("signature log " + store.describe() + " does not verify: "
                            + problem, -1);
                }
                if (problem != null) {
                    throw new LogCorruptedException("signature log " + store.describe() + " does not verify: "
                            + problem, TreeHeadCheck.namedEntry(tree, head, lastGoodHeadSize[0]));
                }
                lastGoodHeadSize[0] = head.treeSize();
                latest[0] = head;
            }
        });
        if (latest[0] != null && !latest[0].verifySignature(certificate)) {
            throw new LogCorruptedException("signature log " + store.describe() + " does not verify: the latest tree"
                    + " head (size " + latest[0].treeSize() + ") is not signed by the log key '" + key.label() + "'",
                    -1);
        }
    }

    /** Appends a signature entry; see {@link #append(LogLeaf)}. */
    public long append(LogEntry entry) throws LogException {
        return append((LogLeaf) entry);
    }

    /**
     * Appends a leaf and returns its index once it is durable; a {@link StatusChange} must refer to an existing
     * {@link LogEntry}. The index is the next one free when the store accepts the leaf, so it may come after
     * reservations still outstanding.
     */
    public long append(LogLeaf leaf) throws LogException {
        if (leaf instanceof StatusChange change) {
            checkRefersToEntry(change);
        }
        byte[] encoding = LeafCodec.encode(leaf);
        // Outside the monitor: the file store may make us wait for another reservation, whose holder needs the
        // monitor to fill it.
        Reservation reservation = reserve(leaf.requestId());
        try {
            return fill(reservation, encoding);
        } finally {
            abandonQuietly(reservation, "the append failed");
        }
    }

    /**
     * Reserves the next leaf index for a signature that must embed its own entry's index; the entry is then stored
     * with {@link #fill} at exactly that index, or the index given up with {@link #abandon}. Every reservation must
     * end in one of the two (in a {@code finally}): with the file store, the next reservation and every append wait
     * for it. Not serialised on this log: it may block (see {@link LogStore#reserve}).
     *
     * @param requestId the request reserving, recorded with the reservation and in a void leaf if it is abandoned
     */
    public Reservation reserve(String requestId) throws LogException {
        return new Reservation(store.reserve(requestId), requestId);
    }

    /**
     * Stores {@code entry} at its reserved index once it is durable, and (per {@link Options}) signs a tree head over
     * the contiguous prefix, which includes the entry unless an earlier reservation is still outstanding.
     *
     * @throws ReservationLostException when the reservation expired and another instance voided the index: nothing
     *                                  was stored, and whatever embeds the index must be discarded
     */
    public long fill(Reservation reservation, LogEntry entry) throws LogException {
        return fill(reservation, LeafCodec.encode(entry));
    }

    private long fill(Reservation reservation, byte[] encoding) throws LogException {
        LogStore.Commit commit;
        synchronized (this) {
            if (reservation.ended()) {
                throw new IllegalStateException(reservation + " was filled or abandoned already");
            }
            boolean headDue = ++appendsSinceHead >= options.treeHeadEveryAppends();
            try {
                commit = store.fill(reservation.index(), encoding, headDue ? this::signForFill : null);
            } catch (ReservationLostException e) {
                reservation.end();
                throw e;
            }
            // Other failures leave the reservation open: the caller abandons it.
            reservation.end();
        }
        // Outside the monitor: while this fill waits for the disk, the next one is written, and the store makes
        // both durable with one force.
        commit.awaitDurable();
        synchronized (this) {
            catchUp(store.size());
        }
        return reservation.index();
    }

    /**
     * Gives up a reservation (the signature failed after it was made); does nothing when the reservation was filled
     * or abandoned already. The shared store fills the index with a {@link VoidLeaf} naming {@code reason}; the file
     * store hands the index to the next reservation.
     */
    public void abandon(Reservation reservation, String reason) throws LogException {
        if (!reservation.end()) {
            return;
        }
        store.abandon(reservation.index(), LeafCodec.encode(new VoidLeaf(options.clock().instant(),
                reservation.requestId(), reason)));
        synchronized (this) {
            if (store.size() > tree.size()) {
                // The void leaf may complete the prefix up to entries filled after it: cover them now.
                integrateQuietly();
            }
        }
    }

    private void abandonQuietly(Reservation reservation, String reason) {
        try {
            abandon(reservation, reason);
        } catch (LogException | RuntimeException e) {
            logger.warn("Signature log {}: cannot give up reserved entry {}: {}", store.describe(),
                    reservation.index(), e.getMessage());
        }
    }

    /** The head a fill stores with its leaf; null, with a warning, when it cannot be signed. */
    private SignedTreeHead signForFill(long treeSize, Optional<SignedTreeHead> latest) {
        try {
            SignedTreeHead head = signHead(treeSize, latest);
            appendsSinceHead = 0;
            return head;
        } catch (LogException e) {
            // The leaf is durable and has its index: failing the fill now would invite a duplicate retry.
            // The next fill or signTreeHead() signs a head that covers it.
            logger.warn("Signature log {}: entry at size {} is stored but no tree head covers it yet: {}",
                    store.describe(), treeSize, e.getMessage());
            return null;
        }
    }

    private void integrateQuietly() {
        try {
            integrate(false);
        } catch (LogException e) {
            logger.warn("Signature log {}: no tree head covers the latest entries yet: {}", store.describe(),
                    e.getMessage());
        }
    }

    private synchronized void checkRefersToEntry(StatusChange change) throws LogException {
        long index = change.entryIndex();
        long prefix = store.size();
        catchUp(prefix);
        LogLeaf referred = null;
        if (index < prefix) {
            referred = decode(index, store.read(index, index + 1).get(0));
        } else {
            try {
                // Filled beyond an outstanding reservation (shared store): there, but not in the prefix yet.
                referred = decode(index, store.read(index, index + 1).get(0));
            } catch (LogCorruptedException | IllegalArgumentException e) {
                // not filled (reserved, or beyond the end): refused below
            }
        }
        if (!(referred instanceof LogEntry)) {
            throw new IllegalArgumentException("entryIndex: " + index
                    + " (expected: the index of a signature entry below " + prefix + ")");
        }
    }

    /** Records that the entry at {@code entryIndex} reached a new delivery status; returns the new leaf's index. */
    public long appendStatus(long entryIndex, DeliveryStatus status, String requestId, Optional<String> detail)
            throws LogException {
        return append(new StatusChange(entryIndex, status, options.clock().instant(), requestId, detail));
    }

    /** Signs a tree head over every leaf stored now, unless the latest head already covers them; returns it. */
    public synchronized SignedTreeHead signTreeHead() throws LogException {
        return integrate(false);
    }

    /** The latest signed tree head in the store (possibly integrated by another instance). */
    public synchronized SignedTreeHead latestTreeHead() throws LogException {
        return store.latestTreeHead().orElseThrow(() -> new LogException("signature log " + store.describe()
                + " has no signed tree head"));
    }

    /** The certificate of the log key: tree heads verify with it ({@link SignedTreeHead#verifySignature}). */
    public X509Certificate certificate() {
        return key.certificate();
    }

    /** The number of leaves in the store. */
    public synchronized long size() throws LogException {
        return store.size();
    }

    /** The root hash of the first {@code treeSize} leaves. */
    public synchronized byte[] rootHash(long treeSize) throws LogException {
        catchUpTo("treeSize", treeSize);
        return tree.rootHash(treeSize);
    }

    /** Proves that leaf {@code leafIndex} is in the tree of {@code treeSize} leaves. */
    public synchronized InclusionProof inclusionProof(long leafIndex, long treeSize) throws LogException {
        catchUpTo("treeSize", treeSize);
        List<byte[]> path = tree.inclusionProof(leafIndex, treeSize);
        return new InclusionProof(leafIndex, treeSize, tree.leafHashAt(leafIndex), path);
    }

    /** Proves that the tree of {@code firstSize} leaves is a prefix of the tree of {@code secondSize}. */
    public synchronized ConsistencyProof consistencyProof(long firstSize, long secondSize) throws LogException {
        catchUpTo("secondSize", secondSize);
        return new ConsistencyProof(firstSize, secondSize, tree.consistencyProof(firstSize, secondSize));
    }

    /** Leaves {@code from} (inclusive) to {@code to} (exclusive), decoded. */
    public synchronized List<LogLeaf> entries(long from, long to) throws LogException {
        List<LogLeaf> result = new ArrayList<>();
        long index = from;
        for (byte[] leaf : store.read(from, to)) {
            result.add(decode(index++, leaf));
        }
        return result;
    }

    /**
     * Reads the whole store back, recomputes the tree and checks every tree head (order, timestamps, root hash,
     * signature by this log's key) and every entry (canonical encoding, status changes referring to earlier
     * signatures, unchanged since this instance loaded it). Never throws for what it finds: see the report.
     */
    public synchronized LogVerification verify() throws LogException {
        return new LogVerifier(store, tree, key.certificate()).run();
    }

    @Override
    public synchronized void close() throws LogException {
        store.close();
    }

    private SignedTreeHead integrate(boolean force) throws LogException {
        appendsSinceHead = 0;
        return store.integrateTreeHead(this::signHead, force);
    }

    private SignedTreeHead signHead(long treeSize, Optional<SignedTreeHead> latest) throws LogException {
        catchUp(treeSize);
        // Heads never go back in time, even when instances' clocks disagree a little.
        long timestamp = Math.max(options.clock().millis(), latest.map(SignedTreeHead::timestampMillis).orElse(0L));
        try {
            return SignedTreeHead.sign(key, treeSize, timestamp, tree.rootHash(treeSize));
        } catch (LogException e) {
            throw e;
        } catch (SigningException e) {
            throw new LogException("cannot sign the tree head of signature log " + store.describe()
                    + " at size " + treeSize + ": " + e.getMessage(), e);
        }
    }

    /** A reserved leaf index, to be filled or abandoned exactly once. */
    public static final class Reservation {
        private final long index;
        private final String requestId;
        private boolean ended;

        private Reservation(long index, String requestId) {
            this.index = index;
            this.requestId = requestId;
        }

        /** The reserved leaf index. */
        public long index() {
            return index;
        }

        String requestId() {
            return requestId;
        }

        private synchronized boolean ended() {
            return ended;
        }

        /** Marks the reservation ended; false when it had ended already. */
        private synchronized boolean end() {
            boolean first = !ended;
            ended = true;
            return first;
        }

        @Override
        public String toString() {
            return "Reservation[" + index + "]";
        }
    }

    /** {@link #catchUp} for a size a caller asked for: refuses sizes beyond the store. */
    private void catchUpTo(String name, long size) throws LogException {
        if (size > tree.size()) {
            long stored = store.size();
            if (size > stored) {
                throw new IllegalArgumentException(name + ": " + size + " (expected: 0-" + stored + ")");
            }
            catchUp(size);
        }
    }

    /** Loads leaves appended by other instances, up to {@code size}. */
    private void catchUp(long size) throws LogException {
        while (tree.size() < size) {
            long from = tree.size();
            long to = Math.min(size, from + READ_BATCH);
            for (byte[] leaf : store.read(from, to)) {
                decode(tree.size(), leaf);
                tree.append(MerkleTree.leafHash(leaf));
            }
        }
    }

    private LogLeaf decode(long index, byte[] leaf) throws LogCorruptedException {
        try {
            return LeafCodec.decode(leaf);
        } catch (IllegalArgumentException e) {
            throw new LogCorruptedException("signature log " + store.describe() + " does not verify: entry " + index
                    + " is not a canonical log leaf: " + e.getMessage(), index);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static boolean sameHash(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
