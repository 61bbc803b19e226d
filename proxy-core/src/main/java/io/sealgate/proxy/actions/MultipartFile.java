package io.sealgate.proxy.actions;

import io.sealgate.signing.DocumentRejectedException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;

/**
 * The file part of a spooled {@code multipart/form-data} body (RFC 7578): the first part whose
 * {@code Content-Disposition} has a non-empty {@code filename}. Sealgate replaces that part's content with the signed
 * document and keeps every other byte (preamble, boundaries, the part's own headers, the other parts) as it was.
 *
 * @param fileName  the part's file name, without any directory a browser may have sent
 * @param start     offset of the part's content in the spooled body
 * @param end       offset just past the part's content (before the CRLF of the next delimiter)
 */
record MultipartFile(String fileName, long start, long end) {

    /** The boundary of a {@code multipart/form-data} Content-Type, or empty for any other type. */
    static Optional<String> boundaryOf(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return Optional.empty();
        }
        for (String param : contentType.split(";")) {
            String p = param.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String value = p.substring("boundary=".length());
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value.isEmpty() ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /**
     * Finds the file part of {@code body}.
     *
     * @throws DocumentRejectedException when the body is not well-formed multipart or has no file part
     */
    static MultipartFile find(Path body, String boundary) throws IOException, DocumentRejectedException {
        try (FileChannel channel = FileChannel.open(body, StandardOpenOption.READ)) {
            MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            long at = indexOf(map, delimiter, 0);
            if (at < 0 || (at > 0 && (at < 2 || map.get((int) at - 2) != '\r' || map.get((int) at - 1) != '\n'))) {
                throw malformed("no opening boundary");
            }
            byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            long pos = at + delimiter.length;
            while (true) {
                if (pos + 2 > map.limit()) {
                    throw malformed("it ends inside a part");
                }
                if (map.get((int) pos) == '-' && map.get((int) pos + 1) == '-') {
                    throw malformed("no part carries a file (expected: a part with a filename)");
                }
                long headersStart = skipLineEnd(map, pos);
                long headersEnd = indexOf(map, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
                if (headersEnd < 0) {
                    throw malformed("a part's headers do not end");
                }
                String headers = string(map, headersStart, headersEnd);
                long contentStart = headersEnd + 4;
                long contentEnd = indexOf(map, next, contentStart);
                if (contentEnd < 0) {
                    throw malformed("a part does not end with the boundary");
                }
                Optional<String> fileName = fileName(headers);
                if (fileName.isPresent()) {
                    return new MultipartFile(fileName.get(), contentStart, contentEnd);
                }
                pos = contentEnd + next.length;
            }
        }
    }

    /** Copies the part's content to {@code target}. */
    void extract(Path body, Path target) throws IOException {
        try (FileChannel in = FileChannel.open(body, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            copy(in, start, end - start, out);
        }
    }

    /** Writes {@code body} with the part's content replaced by {@code replacement} to {@code target}. */
    void replace(Path body, Path replacement, Path target) throws IOException {
        try (FileChannel in = FileChannel.open(body, StandardOpenOption.READ);
             FileChannel signed = FileChannel.open(replacement, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            copy(in, 0, start, out);
            copy(signed, 0, signed.size(), out);
            copy(in, end, in.size() - end, out);
        }
    }

    private static void copy(FileChannel in, long from, long count, FileChannel out) throws IOException {
        long done = 0;
        while (done < count) {
            long n = in.transferTo(from + done, count - done, out);
            if (n <= 0) {
                throw new IOException("short copy at byte " + (from + done));
            }
            done += n;
        }
    }

    static Optional<String> fileName(String headers) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0 || !line.substring(0, colon).strip().equalsIgnoreCase("content-disposition")) {
                continue;
            }
            for (String param : line.substring(colon + 1).split(";")) {
                String p = param.strip();
                if (p.toLowerCase(Locale.ROOT).startsWith("filename=")) {
                    String value = p.substring("filename=".length());
                    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                        value = value.substring(1, value.length() - 1).replace("\\\"", "\"");
                    }
                    // Old browsers send the whole client path; only the last part names the file.
                    value = value.substring(Math.max(value.lastIndexOf('/'), value.lastIndexOf('\\')) + 1);
                    return value.isEmpty() ? Optional.empty() : Optional.of(value);
                }
            }
        }
        return Optional.empty();
    }

    private static long skipLineEnd(ByteBuffer map, long pos) throws DocumentRejectedException {
        long p = pos;
        while (p < map.limit() && (map.get((int) p) == ' ' || map.get((int) p) == '\t')) {
            p++;
        }
        if (p + 1 < map.limit() && map.get((int) p) == '\r' && map.get((int) p + 1) == '\n') {
            return p + 2;
        }
        throw malformed("a boundary line does not end with CRLF");
    }

    private static long indexOf(ByteBuffer map, byte[] needle, long from) {
        int limit = map.limit() - needle.length;
        outer:
        for (int i = (int) from; i <= limit; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (map.get(i + j) != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String string(ByteBuffer map, long from, long to) {
        byte[] bytes = new byte[(int) (to - from)];
        map.get((int) from, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static DocumentRejectedException malformed(String why) {
        return new DocumentRejectedException("multipart/form-data body: " + why);
    }


    static boolean startsWithPdf(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return new String(in.readNBytes(1024), StandardCharsets.ISO_8859_1).contains("%PDF-");
        }
    }
}
