package io.sealgate.signing.log;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The canonical encoding of a {@link LogLeaf}, the bytes that {@link MerkleTree#leafHash} hashes. docs/signature-log.md
 * specifies it so that anyone can recompute leaf hashes: canonical JSON (see {@link CanonicalJson}), version field
 * {@code "v": 1}, {@code "type"} {@code "signature"}, {@code "status"} or {@code "void"}, times as
 * {@code yyyy-MM-ddTHH:mm:ss.SSSZ} in UTC, absent optional fields omitted.
 */
public final class LeafCodec {
    static final long VERSION = 1;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private LeafCodec() {
    }

    /** The canonical UTF-8 JSON bytes of {@code leaf}. */
    public static byte[] encode(LogLeaf leaf) {
        Map<String, Object> json = new TreeMap<>();
        json.put("v", VERSION);
        json.put("time", formatTime(leaf.time()));
        json.put("requestId", leaf.requestId());
        if (leaf instanceof LogEntry e) {
            json.put("type", "signature");
            json.put("userId", e.userId());
            Map<String, Object> auth = new TreeMap<>();
            auth.put("source", e.authentication().source());
            e.authentication().tokenIdSha256().ifPresent(v -> auth.put("tokenIdSha256", v));
            e.authentication().authTime().ifPresent(v -> auth.put("authTime", formatTime(v)));
            e.authentication().acr().ifPresent(v -> auth.put("acr", v));
            json.put("auth", auth);
            json.put("keyLabel", e.keyLabel());
            json.put("certificateSha256", e.certificateSha256());
            json.put("documentName", e.documentName());
            json.put("documentSha256Before", e.documentSha256Before());
            json.put("documentSha256After", e.documentSha256After());
            json.put("signatureValueSha256", e.signatureValueSha256());
            e.processTemplate().ifPresent(v -> json.put("processTemplate", v));
            e.processStep().ifPresent(v -> json.put("processStep", v));
            json.put("route", e.route());
            json.put("delivery", e.delivery().name());
        } else if (leaf instanceof StatusChange s) {
            json.put("type", "status");
            json.put("entryIndex", s.entryIndex());
            json.put("delivery", s.status().name());
            s.detail().ifPresent(v -> json.put("detail", v));
        } else if (leaf instanceof VoidLeaf v) {
            json.put("type", "void");
            json.put("reason", v.reason());
        }
        return CanonicalJson.write(json);
    }

    /**
     * Decodes a leaf, accepting only its canonical encoding.
     *
     * @throws IllegalArgumentException naming what is wrong when {@code bytes} is not a canonical leaf encoding
     */
    public static LogLeaf decode(byte[] bytes) {
        LogLeaf leaf;
        try {
            Fields f = new Fields(CanonicalJson.parse(bytes));
            if (f.count("v") != VERSION) {
                throw new IllegalArgumentException("v: " + f.count("v") + " (expected: 1)");
            }
            String type = f.string("type");
            leaf = switch (type) {
                case "signature" -> {
                    Fields a = new Fields(f.object("auth"));
                    yield new LogEntry(f.time("time"), f.string("userId"),
                            new LogEntry.Authentication(a.string("source"), a.optional("tokenIdSha256"),
                                    a.optional("authTime").map(LeafCodec::parseTime), a.optional("acr")),
                            f.string("keyLabel"), f.string("certificateSha256"), f.string("documentName"),
                            f.string("documentSha256Before"), f.string("documentSha256After"),
                            f.string("signatureValueSha256"), f.optional("processTemplate"),
                            f.optional("processStep"), f.string("route"), f.string("requestId"),
                            DeliveryStatus.valueOf(f.string("delivery")));
                }
                case "status" -> new StatusChange(f.count("entryIndex"),
                        DeliveryStatus.valueOf(f.string("delivery")), f.time("time"), f.string("requestId"),
                        f.optional("detail"));
                case "void" -> new VoidLeaf(f.time("time"), f.string("requestId"), f.string("reason"));
                default -> throw new IllegalArgumentException("type: \"" + type
                        + "\" (expected: signature, status, void)");
            };
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("not a log leaf: " + e.getMessage(), e);
        }
        if (!Arrays.equals(encode(leaf), bytes)) {
            throw new IllegalArgumentException("not the canonical encoding (unknown fields, order or format)");
        }
        return leaf;
    }

    /** {@code yyyy-MM-ddTHH:mm:ss.SSSZ}; by hand because the formatter costs a microsecond per leaf. */
    static String formatTime(Instant time) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(time.getEpochSecond(), time.getNano(), ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            return TIME.format(time);
        }
        char[] out = "0000-00-00T00:00:00.000Z".toCharArray();
        digits(out, 0, 4, t.getYear());
        digits(out, 5, 2, t.getMonthValue());
        digits(out, 8, 2, t.getDayOfMonth());
        digits(out, 11, 2, t.getHour());
        digits(out, 14, 2, t.getMinute());
        digits(out, 17, 2, t.getSecond());
        digits(out, 20, 3, t.getNano() / 1_000_000);
        return new String(out);
    }

    private static void digits(char[] out, int at, int width, int value) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    private static Instant parseTime(String text) {
        try {
            return Instant.from(TIME.parse(text));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time: \"" + text + "\" (expected: yyyy-MM-ddTHH:mm:ss.SSSZ)", e);
        }
    }

    private record Fields(Map<String, Object> map) {
        String string(String key) {
            Object v = map.get(key);
            if (!(v instanceof String s)) {
                throw new IllegalArgumentException(key + ": missing or not a string");
            }
            return s;
        }

        Optional<String> optional(String key) {
            return map.containsKey(key) ? Optional.of(string(key)) : Optional.empty();
        }

        long count(String key) {
            Object v = map.get(key);
            if (!(v instanceof Long l)) {
                throw new IllegalArgumentException(key + ": missing or not a count");
            }
            return l;
        }

        Instant time(String key) {
            return parseTime(string(key));
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> object(String key) {
            Object v = map.get(key);
            if (!(v instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException(key + ": missing or not an object");
            }
            return (Map<String, Object>) m;
        }
    }
}
