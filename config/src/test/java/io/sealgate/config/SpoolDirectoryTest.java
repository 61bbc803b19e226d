package io.sealgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void aMissingSpoolIsCreatedForTheOwnerOnly() throws Exception {
        Path spool = dir.resolve("var/spool");

        assertThat(SpoolDirectory.prepare(spool)).isEqualTo(spool);

        assertThat(spool).isDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(spool))).isEqualTo("rwx------");
    }

    @Test
    void anExistingSpoolOthersCanReadIsRestricted() throws Exception {
        Path spool = Files.createDirectory(dir.resolve("spool"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        SpoolDirectory.prepare(spool);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(spool))).isEqualTo("rwx------");
    }

    @Test
    void aFileOrASymbolicLinkIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("spool"), "");
        Path link = Files.createSymbolicLink(dir.resolve("link"), Files.createDirectory(dir.resolve("elsewhere")));

        assertThatThrownBy(() -> SpoolDirectory.prepare(file)).isInstanceOf(FileAlreadyExistsException.class)
                .hasMessage(file + ": not a directory (expected: a directory for the signing spool)");
        assertThatThrownBy(() -> SpoolDirectory.prepare(link)).isInstanceOf(FileAlreadyExistsException.class)
                .hasMessage(link + ": not a directory (expected: a directory for the signing spool)");
    }
}
