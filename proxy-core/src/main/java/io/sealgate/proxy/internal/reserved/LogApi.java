package io.sealgate.proxy.internal.reserved;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.sealgate.proxy.internal.ActionExchange;
import io.sealgate.proxy.internal.ProxyError;
import io.sealgate.signing.keys.Certificates;
import io.sealgate.signing.log.ConsistencyProof;
import io.sealgate.signing.log.InclusionProof;
import io.sealgate.signing.log.LeafCodec;
import io.sealgate.signing.log.LogException;
import io.sealgate.signing.log.LogLeaf;
import io.sealgate.signing.log.SignatureLog;
import io.sealgate.signing.log.SignedTreeHead;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signature log over HTTP, read-only ({@code GET <prefix>log/...}; docs/signature-log.md):
 * <ul>
 * <li>{@code sth}: the latest signed tree head;</li>
 * <li>{@code proof?index=N[&size=M]}: the inclusion proof of entry N in the tree of M leaves (default: the latest
 *     tree head's size);</li>
 * <li>{@code proof?first=M&second=N}: the consistency proof between two tree sizes;</li>
 * <li>{@code entries?start=A&end=B}: leaves A (inclusive) to B (exclusive), at most {@value #MAX_ENTRIES}, each in
 *     its canonical JSON encoding (the bytes that were hashed).</li>
 * </ul>
 * Hashes and signatures are base64. Log reads block (file or database), so they run on the blocking executor.
 */
final class LogApi {

    private static final Logger LOG = LoggerFactory.getLogger(LogApi.class);
    static final int MAX_ENTRIES = 100;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getEncoder();

    private final Supplier<Optional<SignatureLog>> log;
    private final Executor executor;
    private final String noLogMessage;

    /** @param noLogMessage the 404's message when {@code log} has none */
    LogApi(Supplier<Optional<SignatureLog>> log, Executor executor, String noLogMessage) {
        this.log = log;
        this.executor = executor;
        this.noLogMessage = noLogMessage;
    }

    /** Whether {@code name} (the path after {@code <prefix>log/}) is one of the log endpoints. */
    static boolean knows(String name) {
        return name.equals("sth") || name.equals("proof") || name.equals("entries");
    }

    /** Answers {@code name} on the executor; called on the event loop. */
    void start(ActionExchange exchange, String name) {
        Optional<SignatureLog> signatureLog = log.get();
        if (signatureLog.isEmpty()) {
            Replies.error(exchange, ProxyError.NOT_FOUND, noLogMessage);
            return;
        }
        Map<String, List<String>> query = new QueryStringDecoder(exchange.rawTarget()).parameters();
        try {
            executor.execute(() -> answer(exchange, signatureLog.get(), name, query));
        } catch (RejectedExecutionException e) {
            Replies.busy(exchange);
        }
    }

    private void answer(ActionExchange exchange, SignatureLog log, String name, Map<String, List<String>> query) {
        try {
            ObjectNode body = switch (name) {
                case "sth" -> treeHead(log);
                case "proof" -> proof(log, query);
                default -> entries(log, query);
            };
            exchange.respond(200, new DefaultHttpHeaders()
                    .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .set(HttpHeaderNames.CACHE_CONTROL, "no-cache"), JSON.writeValueAsBytes(body));
        } catch (BadRequestException e) {
            Replies.error(exchange, ProxyError.BAD_REQUEST, e.getMessage());
        } catch (LogException e) {
            LOG.error("Signature log request {} failed: {}", exchange.requestId(), e.getMessage(), e);
            exchange.respondError(ProxyError.BUSY.status(), "log_unavailable", e.getMessage(), null);
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.error("Signature log request {} failed", exchange.requestId(), e);
            Replies.internal(exchange, "cannot read the signature log: an internal error occurred (request "
                    + exchange.requestId() + " in Sealgate's log)");
        } catch (Error e) {
            Replies.internal(exchange, "cannot read the signature log: an internal error occurred");
            throw e;
        }
    }

    private static ObjectNode treeHead(SignatureLog log) throws LogException {
        SignedTreeHead sth = log.latestTreeHead();
        ObjectNode out = JSON.createObjectNode();
        out.put("tree_size", sth.treeSize());
        out.put("timestamp", sth.timestampMillis());
        out.put("time", Instant.ofEpochMilli(sth.timestampMillis()).toString());
        out.put("root_hash", B64.encodeToString(sth.rootHash()));
        out.put("signature_algorithm", sth.signatureAlgorithm() == SignedTreeHead.ECDSA_SHA256
                ? "SHA256withECDSA" : "SHA256withRSA");
        out.put("signature", B64.encodeToString(sth.signature()));
        out.put("log_certificate_sha256", HexFormat.of().formatHex(sth.keySha256()));
        out.put("log_certificate", Certificates.pem(log.certificate()));
        out.put("encoded", B64.encodeToString(sth.encode()));
        return out;
    }

    private static ObjectNode proof(SignatureLog log, Map<String, List<String>> query)
            throws BadRequestException, LogException {
        boolean inclusion = query.containsKey("index");
        boolean consistency = query.containsKey("first") || query.containsKey("second");
        if (inclusion == consistency) {
            throw new BadRequestException("proof: " + (inclusion ? "both index and first/second" : "no parameters")
                    + " (expected: index=N[&size=M] or first=M&second=N)");
        }
        long stored = log.size();
        ObjectNode out = JSON.createObjectNode();
        if (inclusion) {
            long size = query.containsKey("size") ? number(query, "size") : log.latestTreeHead().treeSize();
            check("size", size, 1, stored);
            long index = number(query, "index");
            check("index", index, 0, size - 1);
            InclusionProof proof = log.inclusionProof(index, size);
            out.put("leaf_index", proof.leafIndex());
            out.put("tree_size", proof.treeSize());
            out.put("leaf_hash", B64.encodeToString(proof.leafHash()));
            out.put("root_hash", B64.encodeToString(log.rootHash(size)));
            hashes(out.putArray("audit_path"), proof.auditPath());
        } else {
            long second = number(query, "second");
            check("second", second, 1, stored);
            long first = number(query, "first");
            check("first", first, 1, second);
            ConsistencyProof proof = log.consistencyProof(first, second);
            out.put("first", proof.firstSize());
            out.put("second", proof.secondSize());
            out.put("first_root_hash", B64.encodeToString(log.rootHash(first)));
            out.put("second_root_hash", B64.encodeToString(log.rootHash(second)));
            hashes(out.putArray("consistency_path"), proof.path());
        }
        return out;
    }

    private static ObjectNode entries(SignatureLog log, Map<String, List<String>> query)
            throws BadRequestException, LogException {
        long stored = log.size();
        long start = number(query, "start");
        check("start", start, 0, Math.max(0, stored - 1));
        if (stored == 0) {
            throw new BadRequestException("start: " + start + " (expected: none; the log is empty)");
        }
        long end = number(query, "end");
        check("end", end, start + 1, Math.min(stored, start + MAX_ENTRIES));
        ObjectNode out = JSON.createObjectNode();
        out.put("start", start);
        out.put("end", end);
        ArrayNode entries = out.putArray("entries");
        long index = start;
        for (LogLeaf leaf : log.entries(start, end)) {
            ObjectNode e = entries.addObject();
            e.put("index", index++);
            e.putRawValue("leaf", new RawValue(new String(LeafCodec.encode(leaf), StandardCharsets.UTF_8)));
        }
        return out;
    }

    private static void hashes(ArrayNode array, List<byte[]> hashes) {
        hashes.forEach(h -> array.add(B64.encodeToString(h)));
    }

    private static long number(Map<String, List<String>> query, String name) throws BadRequestException {
        List<String> values = query.get(name);
        if (values == null) {
            throw new BadRequestException(name + ": missing (expected: a non-negative integer)");
        }
        String value = values.get(0);
        try {
            long n = Long.parseLong(value);
            if (n >= 0 && values.size() == 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below says what was expected
        }
        String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        throw new BadRequestException(name + ": " + (values.size() > 1 ? values.size() + " values" : shown)
                + " (expected: " + (values.size() > 1 ? "one" : "a") + " non-negative integer)");
    }

    private static void check(String name, long value, long min, long max) throws BadRequestException {
        if (max < min) {
            throw new BadRequestException(name + ": " + value + " (expected: none; the log has no entries for it)");
        }
        if (value < min || value > max) {
            throw new BadRequestException(name + ": " + value + " (expected: " + min + "-" + max + ")");
        }
    }
}
