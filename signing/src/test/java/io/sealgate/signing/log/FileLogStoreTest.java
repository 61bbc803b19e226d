package io.sealgate.signing.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.sealgate.signing.log.LogVerification.Problem;
import io.sealgate.signing.log.RecordFileEditor.Span;
import io.sealgate.signing.testing.SoftwareSigningKey;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded file store under attack and after crashes: whatever changes on disk, {@link SignatureLog#verify()} and
 * a fresh open name the entry. With the default options the file holds: head 0 (size 0), entry 0, head 1, entry 1,
 * head 2, ... entry 5, head 6.
 */
class FileLogStoreTest {
    private static final SoftwareSigningKey key = SoftwareSigningKey.generate("sealgate-log");
    private static final int ENTRIES = 6;

    @TempDir
    Path directory;
    private RecordFileEditor editor;
    private String file;
    private byte[] clean;

    @BeforeEach
    void writeLog() throws Exception {
        try (SignatureLog log = SignatureLog.open(FileLogStore.open(directory), key)) {
            for (int i = 0; i < ENTRIES; i++) {
                log.append(LogFixtures.entry(i));
            }
        }
        editor = new RecordFileEditor(directory);
        file = directory.resolve("signature-log.dat").toString();
        clean = editor.bytes();
    }

    @Test
    void changingAnyByteOfAnEntryRecordIsNamedByVerify() throws Exception {
        for (int entry = 0; entry < ENTRIES; entry++) {
            Span span = editor.leaf(entry);
            int o = span.offset();
            // type, ordinal, length, header checksum, payload start and middle, payload checksum
            int[] positions = {o, o + 4, o + 10, o + 14, span.payloadOffset(),
                    span.payloadOffset() + span.payloadLength() / 2, o + span.length() - 1};
            for (int position : positions) {
                editor.write(clean);
                try (SignatureLog log = SignatureLog.open(FileLogStore.open(directory), key)) {
                    editor.flipByte(position);
                    String checksum = position < span.payloadOffset() ? "header checksum" : "checksum";
                    assertThat(log.verify().problems()).as("entry %d, byte %d", entry, position).containsExactly(
                            new Problem(OptionalLong.of(entry), OptionalLong.empty(), "signature log " + file
                                    + " does not verify: entry " + entry + " at byte offset " + span.offset()
                                    + " fails its " + checksum));
                }
            }
        }
    }

    @Test
    void changingAByteOfATreeHeadRecordIsNamedByVerify() throws Exception {
        Span span = editor.head(3);
        try (SignatureLog log = SignatureLog.open(FileLogStore.open(directory), key)) {
            editor.flipByte(span.payloadOffset() + 20);
            assertThat(log.verify().problems()).extracting(Problem::message).containsExactly("signature log " + file
                    + " does not verify: tree head 3 at byte offset " + span.offset() + " fails its checksum");
        }
    }

    @Test
    void openingAChangedLogStopsNamingTheEntry() throws Exception {
        Span span = editor.leaf(4);
        editor.flipByte(span.payloadOffset() + 30);
        assertThatThrownBy(() -> FileLogStore.open(directory))
                .isInstanceOfSatisfying(LogCorruptedException.class,
                        e -> assertThat(e.entryIndex()).hasValue(4))
                .hasMessage("signature log " + file + " does not verify: entry 4 at byte offset " + span.offset()
                        + " fails its checksum");
    }

    @Test
    void droppedEntryIsNamed() throws Exception {
        try (SignatureLog log = SignatureLog.open(FileLogStore.open(directory), key)) {
            Span dropped = editor.leaf(2);
            Span next = editor.leaf(3);
            editor.drop(dropped);
            // Head 3 (size 3) now follows entry 1 directly; then entry 3 appears where entry 2 belongs.
            assertThat(log.verify().problems()).containsExactly(
                    new Problem(OptionalLong.of(2), OptionalLong.of(3),
                            "tree head 3 (size 3) covers entry 2, which is not stored before it"),
                    new Problem(OptionalLong.of(2), OptionalLong.empty(), "signature log " + file
                            + " does not verify: entry 2 is missing or out of order: found entry 3 at byte offset "
                            + (next.offset() - dropped.length())));
        }
        assertThatThrownBy(() -> FileLogStore.open(directory)).isInstanceOfSatisfying(LogCorruptedException.class,
                e -> assertThat(e.entryIndex()).hasValue(2));
    }

    @Test
    void reorderedEntriesAreNamed() throws Exception {
        try (SignatureLog log = SignatureLog.open(FileLogStore.open(directory), key)) {
            Span first = editor.leaf(1);
            Span second = editor.leaf(4);
            editor.swap(first, second);
            assertThat(log.verify().problems()).containsExactly(new Problem(OptionalLong.of(1), OptionalLong.empty(),
                    "signature log " + file + " does not verify: entry 1 is missing or out of order: found entry 4"
                            + " at byte offset " + first.offset()));
        }
    }

    @Test
    void entryRewrittenWithValidChecksumsIsNamedByTheTreeHeadThatSignedIt() throws Exception {
        Span span = editor.leaf(3);
        String forged = new String(editor.payload(span), StandardCharsets.UTF_8).replace("file-3.pdf", "file-X.pdf");
        try (SignatureLog log = SignatureLog.open(FileLogStore.open(directory), key)) {
            editor.rewritePayload(span, forged.getBytes(StandardCharsets.UTF_8));
            assertThat(log.verify().problems()).extracting(Problem::entryIndex, Problem::message).containsExactly(
                    tuple(OptionalLong.of(3), "entry 3 changed in the store since this"
                            + " log opened it (leaf hash " + SignatureLog.hex(MerkleTree.leafHash(forged.getBytes(
                            StandardCharsets.UTF_8))) + ", was " + SignatureLog.hex(log.inclusionProof(3, 4).leafHash())
                            + ")"),
                    tuple(OptionalLong.of(3),
                            "entry 3 differs from what tree head 4 (size 4) signed"));
        }
        assertThatThrownBy(() -> SignatureLog.open(FileLogStore.open(directory), key))
                .isInstanceOfSatisfying(LogCorruptedException.class, e -> assertThat(e.entryIndex()).hasValue(3))
                .hasMessage("signature log " + file + " does not verify: entry 3 differs from what tree head 4"
                        + " (size 4) signed");
    }

    @Test
    void treeHeadRewrittenWithValidChecksumsIsNamedAsNotSignedByTheLogKey() throws Exception {
        Span span = editor.head(3);
        byte[] forged = editor.payload(span);
        forged[1 + 8 + 8] ^= 0x01; // first byte of root_hash
        try (SignatureLog log = SignatureLog.open(FileLogStore.open(directory), key)) {
            editor.rewritePayload(span, forged);
            assertThat(log.verify().problems()).containsExactly(new Problem(OptionalLong.empty(), OptionalLong.of(3),
                    "tree head 3 (size 3) is not signed by the log key (certificate CN=sealgate-log)"));
        }
        assertThatThrownBy(() -> SignatureLog.open(FileLogStore.open(directory), key))
                .isInstanceOfSatisfying(LogCorruptedException.class, e -> assertThat(e.entryIndex()).isEmpty())
                .hasMessage("signature log " + file + " does not verify: tree head 3 (size 3) is not signed by the"
                        + " log key 'sealgate-log'");
    }

    @Test
    void tornLastRecordIsCutAndANewHeadIsSigned() throws Exception {
        Span lastHead = editor.head(ENTRIES);
        editor.truncate(lastHead.offset() + 30);
        FileLogStore store = FileLogStore.open(directory);
        assertThat(store.recovery()).hasValue("cut a torn last record of 30 bytes at byte offset "
                + lastHead.offset() + " (after entry 5 and tree head 5)");
        try (SignatureLog log = SignatureLog.open(store, key)) {
            assertThat(log.size()).isEqualTo(ENTRIES);
            assertThat(log.latestTreeHead().treeSize()).isEqualTo(ENTRIES);
            assertThat(log.verify()).isEqualTo(new LogVerification(ENTRIES, ENTRIES + 1, List.of()));
            assertThat(log.append(LogFixtures.entry(ENTRIES))).isEqualTo(ENTRIES);
        }
        assertThat(editor.records()).hasSize(2 * (ENTRIES + 1) + 1);
    }

    @Test
    void tornEntryRecordIsCutAndTheLogContinuesWithoutIt() throws Exception {
        Span lastEntry = editor.leaf(ENTRIES - 1);
        editor.truncate(lastEntry.offset() + lastEntry.length() - 1);
        try (SignatureLog log = SignatureLog.open(FileLogStore.open(directory), key)) {
            assertThat(log.size()).isEqualTo(ENTRIES - 1);
            assertThat(log.latestTreeHead().treeSize()).isEqualTo(ENTRIES - 1);
            assertThat(log.verify().ok()).isTrue();
        }
    }

    @Test
    void zeroFilledTailAfterACrashIsCut() throws Exception {
        editor.appendBytes(new byte[4096]);
        FileLogStore store = FileLogStore.open(directory);
        assertThat(store.recovery()).hasValue("cut a torn last record of 4096 bytes at byte offset " + clean.length
                + " (after entry 5 and tree head 6)");
        try (SignatureLog log = SignatureLog.open(store, key)) {
            assertThat(log.verify().ok()).isTrue();
        }
    }

    @Test
    void secondInstanceOnTheSameDirectoryIsRefused() throws Exception {
        try (FileLogStore first = FileLogStore.open(directory)) {
            assertThatThrownBy(() -> FileLogStore.open(directory)).isInstanceOf(LogException.class)
                    .hasMessage("cannot open signature log " + file + ": another process or instance has it open");
        }
    }

    @Test
    void fileWithoutTheHeaderIsRefused() throws Exception {
        byte[] content = clean.clone();
        content[0] = 'X';
        editor.write(content);
        assertThatThrownBy(() -> FileLogStore.open(directory)).isInstanceOf(LogCorruptedException.class)
                .hasMessage("signature log " + file + " does not start with the record file header \"SGLOGv1\"");
    }
}
