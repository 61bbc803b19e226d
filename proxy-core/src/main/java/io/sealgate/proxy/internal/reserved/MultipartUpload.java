package io.sealgate.proxy.internal.reserved;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Splits a spooled {@code multipart/form-data} body (RFC 7578) into its file parts, each copied to its own spool
 * file next to the body. Reads the body through a read-only mapping, so no part is held on the heap. Only named
 * parts are kept; a part named twice, a missing closing delimiter or malformed part headers are
 * {@link BadRequestException}s. Blocking: runs on the blocking executor.
 */
final class MultipartUpload {

    /** One uploaded part: the file name the client gave (may be empty) and where its bytes are now. */
    record Part(String fileName, Path file) {}

    private static final int MAX_HEADER_BYTES = 8192;
    private static final int MAX_PARTS = 16;

    private MultipartUpload() {}

    /** The {@code boundary} parameter of a multipart Content-Type, checked against RFC 2046's grammar. */
    static String boundaryOf(String contentType) throws BadRequestException {
        for (String param : contentType.split(";")) {
            String p = param.strip();
            if (p.regionMatches(true, 0, "boundary=", 0, 9)) {
                String b = p.substring(9);
                if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
                    b = b.substring(1, b.length() - 1);
                }
                if (b.isEmpty() || b.length() > 70) {
                    throw new BadRequestException("Content-Type boundary: " + b.length()
                            + " characters (expected: 1-70)");
                }
                return b;
            }
        }
        throw new BadRequestException("Content-Type: multipart/form-data without a boundary parameter");
    }

    /**
     * Copies the parts named in {@code wanted} to new files in {@code body}'s directory; parts with other names are
     * skipped. The caller deletes the returned files.
     */
    static Map<String, Part> split(Path body, String boundary, Set<String> wanted)
            throws IOException, BadRequestException {
        Map<String, Part> parts = new LinkedHashMap<>();
        boolean complete = false;
        try (FileChannel in = FileChannel.open(body, StandardOpenOption.READ)) {
            long size = in.size();
            if (size > Integer.MAX_VALUE) {
                throw new BadRequestException("multipart body: " + size + " bytes (expected: at most "
                        + Integer.MAX_VALUE + ")");
            }
            MappedByteBuffer data = in.map(FileChannel.MapMode.READ_ONLY, 0, size);
            byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            int pos;
            if (startsWith(data, 0, delimiter, 2)) {
                pos = delimiter.length - 2; // the first delimiter may open the body without the CRLF before it
            } else {
                int at = indexOf(data, delimiter, 0);
                if (at < 0) {
                    throw new BadRequestException("multipart body: no boundary delimiter '--" + boundary + "'");
                }
                pos = at + delimiter.length;
            }
            for (int count = 0; ; count++) {
                if (startsWith(data, pos, "--".getBytes(StandardCharsets.ISO_8859_1), 0)) {
                    complete = true;
                    break;
                }
                pos = skipLineEnd(data, pos);
                int headersEnd = indexOf(data, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), pos);
                if (headersEnd < 0 || headersEnd - pos > MAX_HEADER_BYTES) {
                    throw new BadRequestException("multipart part " + (count + 1) + ": headers not terminated "
                            + "within " + MAX_HEADER_BYTES + " bytes");
                }
                if (count >= MAX_PARTS) {
                    throw new BadRequestException("multipart body: more than " + MAX_PARTS + " parts");
                }
                String headers = ascii(data, pos, headersEnd);
                int start = headersEnd + 4;
                int end = indexOf(data, delimiter, start);
                if (end < 0) {
                    throw new BadRequestException("multipart part " + (count + 1) + ": no closing boundary "
                            + "delimiter (the upload is truncated)");
                }
                Disposition d = Disposition.parse(headers, count + 1);
                if (wanted.contains(d.name())) {
                    if (parts.containsKey(d.name())) {
                        throw new BadRequestException("multipart body: part '" + d.name() + "' appears twice");
                    }
                    Path file = Files.createTempFile(body.getParent(), "part-", ".tmp");
                    parts.put(d.name(), new Part(d.fileName(), file));
                    try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        long copied = 0;
                        while (copied < end - start) {
                            copied += in.transferTo(start + copied, end - start - copied, out);
                        }
                    }
                }
                pos = end + delimiter.length;
            }
        } catch (IOException | BadRequestException | RuntimeException e) {
            parts.values().forEach(p -> Replies.deleteNow(p.file()));
            throw e;
        }
        if (!complete) {
            throw new BadRequestException("multipart body: no closing delimiter");
        }
        return parts;
    }

    private static int skipLineEnd(MappedByteBuffer data, int pos) throws BadRequestException {
        // Transport padding (spaces, tabs) may follow a delimiter before its CRLF (RFC 2046 section 5.1.1).
        int p = pos;
        while (p < data.limit() && (data.get(p) == ' ' || data.get(p) == '\t')) {
            p++;
        }
        if (p + 1 < data.limit() && data.get(p) == '\r' && data.get(p + 1) == '\n') {
            return p + 2;
        }
        throw new BadRequestException("multipart body: boundary delimiter not followed by a line end");
    }

    private static boolean startsWith(MappedByteBuffer data, int pos, byte[] what, int from) {
        if (pos + what.length - from > data.limit()) {
            return false;
        }
        for (int i = from; i < what.length; i++) {
            if (data.get(pos + i - from) != what[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(MappedByteBuffer data, byte[] what, int from) {
        int last = data.limit() - what.length;
        byte first = what[0];
        for (int i = from; i <= last; i++) {
            if (data.get(i) == first && startsWith(data, i, what, 0)) {
                return i;
            }
        }
        return -1;
    }

    private static String ascii(MappedByteBuffer data, int from, int to) {
        byte[] bytes = new byte[to - from];
        data.get(from, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The {@code name} and {@code filename} of a part's Content-Disposition. */
    record Disposition(String name, String fileName) {

        static Disposition parse(String headers, int partNumber) throws BadRequestException {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).strip().toLowerCase(Locale.ROOT)
                        .equals("content-disposition")) {
                    String value = line.substring(colon + 1);
                    Optional<String> name = param(value, "name");
                    if (name.isEmpty()) {
                        break;
                    }
                    return new Disposition(name.get(), param(value, "filename").orElse(""));
                }
            }
            throw new BadRequestException("multipart part " + partNumber
                    + ": no Content-Disposition with a name (expected: form-data; name=\"file\")");
        }

        private static Optional<String> param(String value, String key) {
            int i = 0;
            while (i < value.length()) {
                int semi = value.indexOf(';', i);
                if (semi < 0) {
                    return Optional.empty();
                }
                int p = semi + 1;
                while (p < value.length() && value.charAt(p) == ' ') {
                    p++;
                }
                int eq = value.indexOf('=', p);
                if (eq < 0) {
                    return Optional.empty();
                }
                String k = value.substring(p, eq).strip();
                int v = eq + 1;
                String result;
                if (v < value.length() && value.charAt(v) == '"') {
                    StringBuilder s = new StringBuilder();
                    int q = v + 1;
                    for (; q < value.length() && value.charAt(q) != '"'; q++) {
                        char c = value.charAt(q);
                        if (c == '\\' && q + 1 < value.length()) {
                            c = value.charAt(++q);
                        }
                        s.append(c);
                    }
                    result = s.toString();
                    i = q + 1;
                } else {
                    int end = value.indexOf(';', v);
                    result = value.substring(v, end < 0 ? value.length() : end).strip();
                    i = end < 0 ? value.length() : end;
                }
                if (k.equalsIgnoreCase(key)) {
                    return Optional.of(result);
                }
            }
            return Optional.empty();
        }
    }
}
