package io.sealgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import java.util.stream.Stream;

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

    @Test
    void claimingRemovesTheSpoolFilesAnEarlierRunLeftAndNothingElse() throws Exception {
        Path spool = Files.createDirectory(dir.resolve("spool"));
        for (String prefix : new String[] {"upload-", "document-", "multipart-", "fetched-", "part-"}) {
            Files.createTempFile(spool, prefix, ".tmp");
        }
        Files.writeString(spool.resolve("signed-" + UUID.randomUUID() + ".pdf"), "%PDF");
        Files.writeString(spool.resolve("signed-" + UUID.randomUUID() + ".p7s"), "cms");
        Files.createTempFile(spool, ".sealgate-", ".pdf.part");
        Files.writeString(spool.resolve("notes.txt"), "the operator's");
        Files.writeString(spool.resolve("upload-draft.tmp"), "not a name Sealgate gives");
        String directory = "signed-" + UUID.randomUUID() + ".pdf";
        Files.createDirectory(spool.resolve(directory));

        try (SpoolDirectory.Claim claim = SpoolDirectory.claim(spool)) {
            assertThat(claim.leftoversRemoved()).isEqualTo(8);
            try (Stream<Path> left = Files.list(spool)) {
                assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("notes.txt",
                        "upload-draft.tmp", directory, SpoolDirectory.LOCK_FILE);
            }
        }
    }

    @Test
    void aLockFileLeftByACrashIsTakenOver() throws Exception {
        Path spool = Files.createDirectory(dir.resolve("spool"));
        Files.writeString(spool.resolve(SpoolDirectory.LOCK_FILE), "4242 from a process that died\n");

        try (SpoolDirectory.Claim claim = SpoolDirectory.claim(spool)) {
            assertThat(Files.readString(spool.resolve(SpoolDirectory.LOCK_FILE)))
                    .startsWith(ProcessHandle.current().pid() + " ");
        }
    }

    @Test
    void aSecondInstanceCannotClaimASpoolInUseUntilTheFirstLetsGo() throws Exception {
        Path spool = dir.resolve("spool");
        SpoolDirectory.Claim first = SpoolDirectory.claim(spool);
        Path inFlight = Files.createTempFile(spool, "upload-", ".tmp");

        assertThatThrownBy(() -> SpoolDirectory.claim(spool)).isInstanceOf(java.io.IOException.class)
                .hasMessage("in use by another Sealgate instance (expected: one spool directory per instance)");
        // the refused instance did not touch the first one's files
        assertThat(inFlight).exists();

        first.close();
        assertThat(spool.resolve(SpoolDirectory.LOCK_FILE)).doesNotExist();
        try (SpoolDirectory.Claim second = SpoolDirectory.claim(spool)) {
            assertThat(second.leftoversRemoved()).isEqualTo(1);
            assertThat(inFlight).doesNotExist();
        }
    }
}
