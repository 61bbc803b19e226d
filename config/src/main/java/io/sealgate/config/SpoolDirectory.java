package io.sealgate.config;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Prepares {@link SigningSettings#spoolDir()}: request bodies waiting to be signed are confidential documents, so the
 * directory holding them is readable by Sealgate's user only (mode 0700), whether it was just created or already
 * there.
 */
public final class SpoolDirectory {

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

    private static Path existingAncestor(Path dir) {
        Path p = dir.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p == null ? dir.toAbsolutePath().getRoot() : p;
    }
}
