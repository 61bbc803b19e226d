package io.sealgate.signing.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * The embedded store: one append-only record file, {@code signature-log.dat}, in a directory (default
 * {@code ./var/log}). Each record carries its type, its entry or tree-head number, its length and two CRC32C
 * checksums (header, payload); {@link #fill} returns only after {@link FileChannel#force} (see
 * docs/signature-log.md for the byte layout).
 *
 * <p>{@link #open} reads the whole file. A torn last record (the process died mid-write) is cut and reported through
 * {@link #recovery()}; {@link SignatureLog} then signs a fresh tree head. Anything else that does not verify stops
 * with a {@link LogCorruptedException} naming the entry. One process at a time: the file is locked while open.
 *
 * <p>Reservations ({@link #reserve}) are one at a time: a reservation holds the store's only permit until it is
 * filled or abandoned, so the reserved index is always the next record's and
 * {@link #abandon} writes nothing (the next reservation gets the index). The permit is a {@link Semaphore}, not a
 * lock, because the thread that fills may differ from the one that reserved. The on-disk format knows nothing of
 * reservations: a crash while one is held leaves nothing to repair.
 */
public final class FileLogStore implements LogStore {
    public static final String FILE_NAME = "signature-log.dat";
    /** Where the log lives unless configured otherwise, relative to the working directory. */
    public static final Path DEFAULT_DIRECTORY = Path.of("var", "log");

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final String recovery;
    /** The one reservation in progress; fair, so that a status append is not starved by signatures. */
    private final Semaphore permit = new Semaphore(1, true);
    /** Held while forcing, so that a fill finding its records forced by another's force returns at once. */
    private final Object forceLock = new Object();
    private long reserved = -1;
    private long[] leafOffsets;
    /** What is written (maybe not forced yet): the next record's offset, leaf and head counts, the newest head. */
    private long end;
    private long writtenLeaves;
    private long writtenHeads;
    private SignedTreeHead writtenHead;
    /** What is durable, and all that size() and latestTreeHead() show. */
    private volatile long forcedEnd;
    private long leaves;
    private long treeHeads;
    private SignedTreeHead latestHead;
    /** The state after each fill written but not forced yet, oldest first. */
    private final ArrayDeque<Durable> unforced = new ArrayDeque<>();
    /** Set when a force failed: what was written is of unknown durability, so the store refuses further work. */
    private IOException failure;

    private FileLogStore(Path file, FileChannel channel, FileLock lock, String recovery) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.recovery = recovery;
    }

    /** Opens (creating if needed) the log in {@code directory}, recovering a torn last record. */
    public static FileLogStore open(Path directory) throws LogException {
        Path file = directory.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            Files.createDirectories(directory);
            boolean created = !Files.exists(file);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel, file);
            if (created || channel.size() == 0) {
                channel.write(ByteBuffer.wrap(RecordReader.MAGIC), 0);
                channel.force(true);
                syncDirectory(directory);
            }
            FileLogStore store = load(file, channel, lock);
            channel = null;
            return store;
        } catch (IOException e) {
            throw new LogException("cannot open signature log " + file + ": " + e.getMessage(), e);
        } finally {
            closeQuietly(channel);
        }
    }

    private static FileLogStore load(Path file, FileChannel channel, FileLock lock) throws LogException, IOException {
        List<Long> offsets = new ArrayList<>();
        SignedTreeHead[] latest = new SignedTreeHead[1];
        RecordReader.End end = RecordReader.read(file, (type, ordinal, offset, payload) -> {
            if (type == RecordReader.LEAF) {
                offsets.add(offset);
            } else {
                latest[0] = decodeHead(file, ordinal, payload);
            }
        });
        String recovery = null;
        if (end.tornBytes() > 0) {
            // Only the last record can be torn, and a tree head always follows the leaves it covers, so the cut
            // never removes a leaf that a stored head vouches for.
            channel.truncate(end.goodBytes());
            channel.force(true);
            recovery = "cut a torn last record of " + end.tornBytes() + " bytes at byte offset " + end.goodBytes()
                    + " (after entry " + (end.leaves() - 1) + " and tree head " + (end.treeHeads() - 1) + ")";
        }
        FileLogStore store = new FileLogStore(file, channel, lock, recovery);
        store.leafOffsets = offsets.stream().mapToLong(Long::longValue).toArray();
        store.restore(new Durable(end.goodBytes(), end.leaves(), end.treeHeads(), latest[0]));
        return store;
    }

    @Override
    public long reserve(String holder) throws LogException {
        try {
            // Outside the monitor: the holder of the permit needs the monitor to fill.
            permit.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LogException("interrupted while waiting to reserve an entry in signature log " + file, e);
        }
        synchronized (this) {
            reserved = writtenLeaves;
            return writtenLeaves;
        }
    }

    /**
     * Writes the leaf (and its head) under the store's monitor and hands the reservation on at once; the returned
     * commit forces the file outside the monitor. So the next fill writes while this one's force runs, and one force
     * makes every fill written before it durable (group commit): the file is forced in write order, so a fill is
     * never durable before the ones written ahead of it.
     */
    @Override
    public synchronized Commit fill(long index, byte[] leaf, TreeHeadSigner headSigner) throws LogException {
        checkUsable();
        if (index != reserved) {
            throw new IllegalStateException("index: " + index + " (expected: the reserved index " + reserved + ")");
        }
        long before = end;
        long headsBefore = writtenHeads;
        SignedTreeHead headBefore = writtenHead;
        try {
            long offset = write(RecordReader.LEAF, index, leaf);
            if (writtenLeaves == leafOffsets.length) {
                leafOffsets = Arrays.copyOf(leafOffsets, Math.max(1024, leafOffsets.length * 2));
            }
            leafOffsets[(int) index] = offset;
            writtenLeaves++;
            SignedTreeHead head = headSigner == null ? null
                    : headSigner.sign(writtenLeaves, Optional.ofNullable(writtenHead));
            if (head != null) {
                // The head follows the leaf in the file, so a crash before the force completes loses at most a
                // torn tail that recovery cuts.
                write(RecordReader.TREE_HEAD, writtenHeads, head.encode());
                writtenHeads++;
                writtenHead = head;
            }
        } catch (LogException | RuntimeException e) {
            // Nothing of it is durable: forget both records, so that the next write goes where the leaf was. The
            // reservation stays until the caller abandons it.
            end = before;
            writtenLeaves = index;
            writtenHeads = headsBefore;
            writtenHead = headBefore;
            truncateQuietly(before);
            throw e;
        }
        Durable after = new Durable(end, writtenLeaves, writtenHeads, writtenHead);
        unforced.addLast(after);
        reserved = -1;
        permit.release();
        return () -> awaitForced(after.end());
    }

    /** Returns once the file is forced up to {@code position}, forcing it if no other fill's force covered it. */
    private void awaitForced(long position) throws LogException {
        synchronized (forceLock) {
            if (forcedEnd >= position) {
                return;
            }
            long target;
            synchronized (this) {
                checkUsable();
                target = end;
            }
            try {
                // force(true): the file grows, and its new length is metadata a reader needs after a crash.
                channel.force(true);
            } catch (IOException e) {
                synchronized (this) {
                    failure = e;
                }
                throw new LogException("cannot append to signature log " + file + ": " + e.getMessage(), e);
            }
            synchronized (this) {
                while (!unforced.isEmpty() && unforced.peekFirst().end() <= target) {
                    publish(unforced.pollFirst());
                }
            }
        }
    }

    /** The state of the file up to one fill's records. */
    private record Durable(long end, long leaves, long treeHeads, SignedTreeHead latestHead) {
    }

    /** At open: what the file holds is both written and durable. */
    private void restore(Durable durable) {
        end = durable.end();
        writtenLeaves = durable.leaves();
        writtenHeads = durable.treeHeads();
        writtenHead = durable.latestHead();
        publish(durable);
    }

    private void publish(Durable durable) {
        forcedEnd = durable.end();
        leaves = durable.leaves();
        treeHeads = durable.treeHeads();
        latestHead = durable.latestHead();
    }

    private void checkUsable() throws LogException {
        if (failure != null) {
            throw new LogException("signature log " + file + " refuses further entries: forcing it to disk failed ("
                    + failure.getMessage() + "); restart Sealgate, which recovers the log", failure);
        }
    }

    @Override
    public synchronized void abandon(long index, byte[] voidLeaf) {
        if (index == reserved) {
            reserved = -1;
            permit.release();
        }
    }

    @Override
    public synchronized long size() {
        return leaves;
    }

    @Override
    public synchronized List<byte[]> read(long from, long to) throws LogException {
        // Up to what is written: a tree head signer catches up with the leaf it is about to cover.
        if (from < 0 || from > to || to > writtenLeaves) {
            throw new IllegalArgumentException("range: " + from + ".." + to + " (expected: within 0.."
                    + writtenLeaves + ")");
        }
        List<byte[]> result = new ArrayList<>((int) (to - from));
        try {
            for (long i = from; i < to; i++) {
                long offset = leafOffsets[(int) i];
                ByteBuffer header = readFully(offset, RecordReader.HEADER_BYTES);
                int length = header.getInt(9);
                ByteBuffer body = readFully(offset + RecordReader.HEADER_BYTES, length + 4);
                byte[] payload = new byte[length];
                body.get(payload);
                if (header.get(0) != RecordReader.LEAF || header.getLong(1) != i
                        || RecordReader.crc(payload, 0, length) != body.getInt()) {
                    throw RecordReader.corrupted(file, "entry " + i + " at byte offset " + offset
                            + " changed since the log was opened", i);
                }
                result.add(payload);
            }
        } catch (IOException e) {
            throw new LogException("cannot read signature log " + file + ": " + e.getMessage(), e);
        }
        return result;
    }

    @Override
    public synchronized Optional<SignedTreeHead> latestTreeHead() {
        return Optional.ofNullable(latestHead);
    }

    /** Integrates over everything written, and forces it all under the monitor (rare: see {@link LogSequencer}). */
    @Override
    public synchronized SignedTreeHead integrateTreeHead(TreeHeadSigner signer, boolean force) throws LogException {
        checkUsable();
        boolean headNeeded = force || writtenHead == null || writtenHead.treeSize() < writtenLeaves;
        if (!headNeeded && unforced.isEmpty()) {
            return writtenHead;
        }
        if (headNeeded) {
            SignedTreeHead head = signer.sign(writtenLeaves, Optional.ofNullable(writtenHead));
            long before = end;
            try {
                write(RecordReader.TREE_HEAD, writtenHeads, head.encode());
            } catch (LogException e) {
                end = before;
                truncateQuietly(before);
                throw e;
            }
            writtenHeads++;
            writtenHead = head;
        }
        try {
            channel.force(true);
        } catch (IOException e) {
            failure = e;
            throw new LogException("cannot append to signature log " + file + ": " + e.getMessage(), e);
        }
        unforced.clear();
        publish(new Durable(end, writtenLeaves, writtenHeads, writtenHead));
        return writtenHead;
    }

    @Override
    public synchronized void scan(Visitor visitor) throws LogException {
        RecordReader.End end = RecordReader.read(file, (type, ordinal, offset, payload) -> {
            if (type == RecordReader.LEAF) {
                visitor.leaf(ordinal, payload);
            } else {
                visitor.treeHead(ordinal, decodeHead(file, ordinal, payload));
            }
        });
        if (end.tornBytes() > 0) {
            throw RecordReader.corrupted(file, "the file ends inside the record at byte offset " + end.goodBytes()
                    + " (after entry " + (end.leaves() - 1) + ")", end.leaves());
        }
    }

    @Override
    public Optional<String> recovery() {
        return Optional.ofNullable(recovery);
    }

    @Override
    public String describe() {
        return file.toString();
    }

    @Override
    public synchronized void close() throws LogException {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new LogException("cannot close signature log " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes one record at the end, without forcing it to disk; returns its offset. */
    private long write(byte type, long ordinal, byte[] payload) throws LogException {
        if (payload.length > RecordReader.MAX_PAYLOAD_BYTES) {
            throw new LogException("cannot append to signature log " + file + ": record of " + payload.length
                    + " bytes (expected: at most " + RecordReader.MAX_PAYLOAD_BYTES + ")");
        }
        ByteBuffer record = ByteBuffer.allocate(RecordReader.HEADER_BYTES + payload.length + 4);
        record.put(type).putLong(ordinal).putInt(payload.length);
        record.putInt(RecordReader.crc(record.array(), 0, RecordReader.HEADER_BYTES - 4));
        record.put(payload).putInt(RecordReader.crc(payload, 0, payload.length)).flip();
        long offset = end;
        try {
            for (long position = offset; record.hasRemaining(); ) {
                position += channel.write(record, position);
            }
        } catch (IOException e) {
            throw new LogException("cannot append to signature log " + file + ": " + e.getMessage(), e);
        }
        end = offset + record.limit();
        return offset;
    }

    private void truncateQuietly(long size) {
        try {
            if (channel.size() > size) {
                channel.truncate(size);
            }
        } catch (IOException ignored) {
            // the next record is written at the same offset anyway; recovery cuts a torn tail
        }
    }

    private ByteBuffer readFully(long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of file at byte offset " + (position + buffer.position()));
            }
        }
        return buffer.flip();
    }

    private static SignedTreeHead decodeHead(Path file, long ordinal, byte[] payload) throws LogCorruptedException {
        try {
            return SignedTreeHead.decode(payload);
        } catch (IllegalArgumentException e) {
            throw RecordReader.corrupted(file, "tree head " + ordinal + " cannot be decoded: " + e.getMessage(), -1);
        }
    }

    private static FileLock tryLock(FileChannel channel, Path file) throws IOException, LogException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new LogException("cannot open signature log " + file + ": another process or instance has it open");
        }
        return lock;
    }

    private static void syncDirectory(Path directory) {
        // Makes the new file's directory entry durable; not every platform can open a directory, hence best effort.
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException ignored) {
            // Windows cannot open directories; the file's own force() is the best we can do there.
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing; the original exception is more useful
            }
        }
    }
}
