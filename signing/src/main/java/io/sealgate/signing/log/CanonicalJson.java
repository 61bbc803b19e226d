package io.sealgate.signing.log;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The small JSON subset the log's leaf encoding uses, written canonically: objects with keys sorted by UTF-16 code
 * units, strings and non-negative integers as values, no whitespace, strings escaped as RFC 8785 (JCS) prescribes
 * ({@code \"}, {@code \\}, {@code \b \f \n \r \t}, other controls as a backslash, {@code u} and four lowercase
 * hex digits, everything else literal), UTF-8. For this subset the output equals the JCS form. The parser accepts
 * exactly the canonical form: {@link LeafCodec} re-encodes what it parsed and compares bytes.
 */
final class CanonicalJson {
    private CanonicalJson() {
    }

    /** Values are {@link String}, {@link Long} or nested {@code Map<String, Object>}. */
    static byte[] write(Map<String, Object> object) {
        StringBuilder out = new StringBuilder(512);
        writeObject(out, object);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static void writeObject(StringBuilder out, Map<String, Object> object) {
        out.append('{');
        boolean first = true;
        Map<String, Object> sorted = object instanceof TreeMap<String, Object> t && t.comparator() == null
                ? t : new TreeMap<>(object);
        for (Map.Entry<String, Object> e : sorted.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(out, e.getKey());
            out.append(':');
            Object value = e.getValue();
            if (value instanceof String s) {
                writeString(out, s);
            } else if (value instanceof Long l && l >= 0) {
                out.append(l.longValue());
            } else if (value instanceof Map<?, ?> m) {
                writeObject(out, (Map<String, Object>) m);
            } else {
                throw new IllegalArgumentException(e.getKey() + ": " + value + " (expected: string, count, object)");
            }
        }
        out.append('}');
    }

    private static void writeString(StringBuilder out, String s) {
        out.append('"');
        if (isPlain(s)) {
            out.append(s).append('"');
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    out.append(c).append(s.charAt(++i));
                    continue;
                }
                throw new IllegalArgumentException("string contains a lone surrogate at " + i + ": cannot encode");
            }
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Whether {@code s} needs no escaping: no quote, backslash, control character or surrogate. */
    private static boolean isPlain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Parses one object; throws {@link IllegalArgumentException} on anything outside the subset. */
    static Map<String, Object> parse(byte[] json) {
        Parser p = new Parser(new String(json, StandardCharsets.UTF_8));
        Map<String, Object> result = p.object();
        if (p.pos != p.s.length()) {
            throw p.error("trailing characters");
        }
        return result;
    }

    private static final class Parser {
        final String s;
        int pos;

        Parser(String s) {
            this.s = s;
        }

        Map<String, Object> object() {
            expect('{');
            Map<String, Object> result = new TreeMap<>();
            if (peek() == '}') {
                pos++;
                return result;
            }
            do {
                String key = string();
                expect(':');
                char c = peek();
                Object value = c == '"' ? string() : c == '{' ? object() : number();
                if (result.put(key, value) != null) {
                    throw error("duplicate key \"" + key + "\"");
                }
            } while (tryConsume(','));
            expect('}');
            return result;
        }

        String string() {
            expect('"');
            int end = pos;
            while (end < s.length() && s.charAt(end) != '"' && s.charAt(end) != '\\') {
                end++;
            }
            if (end < s.length() && s.charAt(end) == '"') {
                String plain = s.substring(pos, end);
                pos = end + 1;
                return plain;
            }
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (pos + 4 > s.length()) {
                            throw error("truncated \\u escape");
                        }
                        out.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> throw error("bad escape \\" + e);
                }
            }
        }

        Long number() {
            int start = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                throw error("expected a string, an object or a count");
            }
            return Long.parseLong(s.substring(start, pos));
        }

        char peek() {
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            return s.charAt(pos);
        }

        char next() {
            char c = peek();
            pos++;
            return c;
        }

        void expect(char c) {
            if (next() != c) {
                throw error("expected '" + c + "'");
            }
        }

        boolean tryConsume(char c) {
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("JSON at character " + pos + ": " + what);
        }
    }
}
