package io.sealgate.signing.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Edits {@code signature-log.dat} the way an attacker or a crash would, following the layout in
 * docs/signature-log.md (magic, then records: type, ordinal, length, header CRC32C, payload, payload CRC32C).
 */
final class RecordFileEditor {
    /** One record: where it starts and how long it is. */
    record Span(int type, long ordinal, int offset, int length, int payloadLength) {
        int payloadOffset() {
            return offset + 17;
        }
    }

    private final Path file;

    RecordFileEditor(Path directory) {
        this.file = directory.resolve("signature-log.dat");
    }

    List<Span> records() throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
        List<Span> spans = new ArrayList<>();
        int offset = 8;
        while (offset < bytes.limit()) {
            int length = bytes.getInt(offset + 9);
            spans.add(new Span(bytes.get(offset), bytes.getLong(offset + 1), offset, 17 + length + 4, length));
            offset += 17 + length + 4;
        }
        return spans;
    }

    Span leaf(long index) throws IOException {
        return records().stream().filter(s -> s.type() == 1 && s.ordinal() == index).findFirst().orElseThrow();
    }

    Span head(long ordinal) throws IOException {
        return records().stream().filter(s -> s.type() == 2 && s.ordinal() == ordinal).findFirst().orElseThrow();
    }

    byte[] bytes() throws IOException {
        return Files.readAllBytes(file);
    }

    /** Overwrites the file in place (same inode, so an open log sees the change). */
    void write(byte[] content) throws IOException {
        Files.write(file, content);
    }

    void flipByte(int position) throws IOException {
        byte[] content = bytes();
        content[position] ^= 0x01;
        write(content);
    }

    /** Removes a record entirely. */
    void drop(Span span) throws IOException {
        byte[] content = bytes();
        byte[] out = new byte[content.length - span.length()];
        System.arraycopy(content, 0, out, 0, span.offset());
        System.arraycopy(content, span.offset() + span.length(), out, span.offset(),
                content.length - span.offset() - span.length());
        write(out);
    }

    /** Swaps two records (a before b). */
    void swap(Span a, Span b) throws IOException {
        byte[] content = bytes();
        ByteBuffer out = ByteBuffer.allocate(content.length);
        out.put(content, 0, a.offset());
        out.put(content, b.offset(), b.length());
        out.put(content, a.offset() + a.length(), b.offset() - a.offset() - a.length());
        out.put(content, a.offset(), a.length());
        out.put(content, b.offset() + b.length(), content.length - b.offset() - b.length());
        write(out.array());
    }

    /** Replaces a record's payload with one of the same length and recomputes its checksum: a careful forger. */
    void rewritePayload(Span span, byte[] payload) throws IOException {
        byte[] content = bytes();
        System.arraycopy(payload, 0, content, span.payloadOffset(), payload.length);
        CRC32C crc = new CRC32C();
        crc.update(payload);
        ByteBuffer.wrap(content).putInt(span.payloadOffset() + span.payloadLength(), (int) crc.getValue());
        write(content);
    }

    byte[] payload(Span span) throws IOException {
        byte[] content = bytes();
        byte[] payload = new byte[span.payloadLength()];
        System.arraycopy(content, span.payloadOffset(), payload, 0, payload.length);
        return payload;
    }

    void truncate(long size) throws IOException {
        try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    void appendBytes(byte[] tail) throws IOException {
        Files.write(file, tail, java.nio.file.StandardOpenOption.APPEND);
    }
}
