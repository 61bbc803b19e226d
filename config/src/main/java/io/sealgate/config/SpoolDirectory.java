package io.sealgate.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Prepares {@link SigningSettings#spoolDir()}: request bodies waiting to be signed are confidential documents, so the
 * directory holding them is readable by Sealgate's user only (mode 0700), whether it was just created or already
 * there.
 *
 * <p>A running instance {@link #claim}s its spool directory: an exclusive lock on {@value #LOCK_FILE} in it (holding
 * the instance's process id), so two instances cannot share one by mistake, and the files an earlier run left behind
 * (a crash interrupts requests in every stage) are removed before the first request.
 */
public final class SpoolDirectory {

    /** The lock file a running instance holds in its spool directory. */
    public static final String LOCK_FILE = ".sealgate-spool.lock";
    /**
     * The names Sealgate gives its spool files, and nothing else: request bodies and fetched documents
     * ({@code upload-}, {@code document-}, {@code multipart-}, {@code fetched-}, {@code part-}, then the temp-file
     * digits and {@code .tmp}), signed outputs ({@code signed-<UUID>.pdf} or {@code .p7s}) and the PAdES signer's
     * intermediate revisions ({@code .sealgate-<digits>.pdf.part}).
     */
    static final Pattern SEALGATE_FILE = Pattern.compile("(upload|document|multipart|fetched|part)-[0-9]+\\.tmp"
            + "|signed-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.(pdf|p7s)"
            + "|\\.sealgate-[0-9]+\\.pdf\\.part");

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private SpoolDirectory() {}

    /**
     * Creates {@code dir} (and missing parents) when absent, and restricts it to mode 0700 on POSIX file systems.
     *
     * @return {@code dir}
     * @throws IOException when it cannot be created or restricted, or exists and is not a directory (a symbolic link
     *                     is refused too, since it could point somewhere others can read)
     */
    public static Path prepare(Path dir) throws IOException {
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(dir.toString(), null,
                    "not a directory (expected: a directory for the signing spool)");
        }
        boolean posix = Files.getFileStore(existingAncestor(dir)).supportsFileAttributeView(
                PosixFileAttributeView.class);
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createDirectories(dir);
            }
        }
        if (posix) {
            // The umask may have narrowed the mode given at creation, and an existing directory may be wider.
            Files.setPosixFilePermissions(dir, OWNER_ONLY);
        }
        return dir;
    }

    /**
     * {@link #prepare}s {@code dir}, locks it for this instance (until {@link Claim#close}) and deletes the spool
     * files an earlier run left there: regular files with Sealgate's names only, anything else is left alone.
     *
     * @throws IOException when the directory cannot be prepared or a leftover cannot be deleted, or, naming no more
     *                     than the reason (callers name the directory), {@code "in use by another Sealgate instance
     *                     (expected: one spool directory per instance)"}
     */
    public static Claim claim(Path dir) throws IOException {
        prepare(dir);
        Path lockFile = dir.resolve(LOCK_FILE);
        // A releasing instance deletes the lock file while it holds the lock: whoever opened that file just before
        // may lock it afterwards, but no longer finds it under its name, and tries again with a new one.
        for (int attempt = 0; attempt < 5; attempt++) {
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            try {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null; // held by this JVM: another instance in the same process
                }
                if (lock == null) {
                    throw new IOException("in use by another Sealgate instance (expected: one spool directory"
                            + " per instance)");
                }
                if (holdsTheNamedFile(channel, lockFile)) {
                    Claim claim = new Claim(lockFile, channel, removeLeftovers(dir));
                    channel = null;
                    return claim;
                }
            } finally {
                if (channel != null) {
                    channel.close();
                }
            }
        }
        throw new IOException("cannot lock " + lockFile + ": it keeps being replaced (expected: one spool directory"
                + " per instance)");
    }

    /** Writes a mark through {@code channel} and reads it back by name: the same file, or the name moved on. */
    private static boolean holdsTheNamedFile(FileChannel channel, Path lockFile) throws IOException {
        byte[] mark = (ProcessHandle.current().pid() + " " + UUID.randomUUID() + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(mark), 0);
        try {
            return Arrays.equals(Files.readAllBytes(lockFile), mark);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static int removeLeftovers(Path dir) throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                if (SEALGATE_FILE.matcher(file.getFileName().toString()).matches()
                        && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(file);
                    removed++;
                }
            }
        }
        return removed;
    }

    /** A spool directory held by this instance; {@link #close} lets the next instance have it. */
    public static final class Claim implements AutoCloseable {
        private final Path lockFile;
        private final FileChannel channel;
        private final int leftoversRemoved;

        private Claim(Path lockFile, FileChannel channel, int leftoversRemoved) {
            this.lockFile = lockFile;
            this.channel = channel;
            this.leftoversRemoved = leftoversRemoved;
        }

        /** How many files of an earlier run {@link #claim} deleted. */
        public int leftoversRemoved() {
            return leftoversRemoved;
        }

        /**
         * Deletes the lock file while still holding its lock (so a stopped instance leaves an empty spool), then
         * releases the lock. A crash leaves the file; the lock goes with the process.
         */
        @Override
        public void close() throws IOException {
            try {
                Files.deleteIfExists(lockFile);
            } finally {
                channel.close();
            }
        }
    }

    private static Path existingAncestor(Path dir) {
        Path p = dir.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p == null ? dir.toAbsolutePath().getRoot() : p;
    }
}
