package io.sealgate.proxy.internal.reserved;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.sealgate.proxy.internal.ActionExchange;
import io.sealgate.proxy.internal.ProxyError;
import io.sealgate.signing.verify.ReportJson;
import io.sealgate.signing.verify.VerificationException;
import io.sealgate.signing.verify.VerificationReport;
import io.sealgate.signing.verify.Verifier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST <prefix>verify}: verifies the uploaded document and answers the JSON report of
 * {@code sealgate verify --json} (docs/verification.md). The body is the document itself (its name from
 * {@code ?name=}), or {@code multipart/form-data} with a {@code file} part and, for a detached {@code .p7s}, a
 * {@code content} part. The body is spooled to disk and verified on the blocking executor; nothing of it stays on the
 * event loop. Unreadable requests are 400, documents that are neither a PDF nor a CMS signature 422, bodies above the
 * limit 413, a full executor 503.
 */
final class VerifyApi {

    private static final Logger LOG = LoggerFactory.getLogger(VerifyApi.class);
    /** Room for the multipart framing around the parts. */
    private static final long MULTIPART_OVERHEAD_BYTES = 64 * 1024;
    private static final String DEFAULT_NAME = "document";

    private final Supplier<Verifier> verifier;
    private final Executor executor;
    private final Path spoolDirectory;
    private final long maxDocumentBytes;

    VerifyApi(Supplier<Verifier> verifier, Executor executor, Path spoolDirectory, long maxDocumentBytes) {
        this.verifier = verifier;
        this.executor = executor;
        this.spoolDirectory = spoolDirectory;
        this.maxDocumentBytes = maxDocumentBytes;
    }

    /** Takes the exchange over; called on the event loop right after the request head. */
    void start(ActionExchange exchange) {
        String contentType = exchange.requestHeaders().get(HttpHeaderNames.CONTENT_TYPE, "");
        boolean multipart = contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
        String boundary;
        try {
            boundary = multipart ? MultipartUpload.boundaryOf(contentType) : null;
        } catch (BadRequestException e) {
            Replies.early(exchange, ProxyError.BAD_REQUEST, e.getMessage());
            return;
        }
        if (!exchange.hasBody()) {
            Replies.error(exchange, ProxyError.BAD_REQUEST, "no document in the request body (expected: a PDF or "
                    + "a .p7s signature, as the body or as the multipart/form-data part 'file')");
            return;
        }
        String name = fileName(new QueryStringDecoder(exchange.rawTarget()).parameters()
                .getOrDefault("name", List.of(DEFAULT_NAME)).get(0));
        long limit = multipart ? 2 * maxDocumentBytes + MULTIPART_OVERHEAD_BYTES : maxDocumentBytes;
        new UploadSpool(exchange, executor, spoolDirectory, limit, "the request body", body -> {
            try {
                executor.execute(() -> verify(exchange, body, boundary, name));
            } catch (RejectedExecutionException e) {
                Replies.deleteNow(body);
                Replies.busy(exchange);
            }
        }).start();
    }

    /**
     * On the executor: splits the upload, verifies, deletes every spool file, then answers — in that order, so a
     * client that has its answer never finds its upload still on disk.
     */
    private void verify(ActionExchange exchange, Path body, String boundary, String rawName) {
        List<Path> files = new ArrayList<>(List.of(body));
        Runnable answer;
        String name = rawName;
        try {
            Path document = body;
            Optional<Path> content = Optional.empty();
            if (boundary != null) {
                Map<String, MultipartUpload.Part> parts = MultipartUpload.split(body, boundary,
                        Set.of("file", "content"));
                parts.values().forEach(p -> files.add(p.file()));
                MultipartUpload.Part file = parts.get("file");
                if (file == null) {
                    throw new BadRequestException("multipart body: no part named 'file' (expected: the document in "
                            + "the part 'file', and for a detached .p7s its content in the part 'content')");
                }
                name = file.fileName().isEmpty() ? rawName : fileName(file.fileName());
                document = file.file();
                content = Optional.ofNullable(parts.get("content")).map(MultipartUpload.Part::file);
                checkSize(name, document);
                if (content.isPresent()) {
                    checkSize("the content of " + name, content.get());
                }
            }
            if (!exchange.isOpen()) {
                return;
            }
            VerificationReport report = verifier.get().verify(name, document, content);
            HttpHeaders headers = new DefaultHttpHeaders()
                    .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
            byte[] json = ReportJson.toJson(report);
            answer = () -> exchange.respond(200, headers, json);
        } catch (BadRequestException e) {
            answer = () -> Replies.error(exchange, ProxyError.BAD_REQUEST, e.getMessage());
        } catch (TooLargeException e) {
            answer = () -> Replies.error(exchange, ProxyError.TOO_LARGE, e.getMessage());
        } catch (VerificationException e) {
            // The verifier speaks to the command line; here the content comes in a multipart part.
            String message = e.getMessage().replace("(--content FILE)", "(the multipart/form-data part 'content')")
                    .replace("--content is for", "the part 'content' is for");
            String sentence = message.contains(name) ? message : "cannot verify " + name + ": " + message;
            answer = () -> Replies.error(exchange, ProxyError.UNPROCESSABLE_DOCUMENT, sentence);
        } catch (IOException | RuntimeException e) {
            LOG.error("Cannot verify {} (request {})", name, exchange.requestId(), e);
            String sentence = "cannot verify " + name + ": an internal error occurred (request "
                    + exchange.requestId() + " in Sealgate's log)";
            answer = () -> Replies.internal(exchange, sentence);
        } catch (Error e) {
            // Answer even now: a client must never wait for an answer that will not come.
            Replies.internal(exchange, "cannot verify " + name + ": an internal error occurred");
            throw e;
        } finally {
            files.forEach(Replies::deleteNow);
        }
        answer.run();
    }

    private void checkSize(String what, Path file) throws IOException, TooLargeException {
        long size = java.nio.file.Files.size(file);
        if (size > maxDocumentBytes) {
            throw new TooLargeException(what + ": " + size + " bytes (expected: at most " + maxDocumentBytes + ")");
        }
    }

    /** The last path segment of a client-given name, without control characters, at most 200 characters. */
    static String fileName(String given) {
        String name = given.substring(Math.max(given.lastIndexOf('/'), given.lastIndexOf('\\')) + 1)
                .replaceAll("\\p{Cntrl}", "").strip();
        if (name.length() > 200) {
            name = name.substring(0, 200);
        }
        return name.isEmpty() || name.equals(".") || name.equals("..") ? DEFAULT_NAME : name;
    }

    private static final class TooLargeException extends Exception {
        private static final long serialVersionUID = 1L;

        TooLargeException(String message) {
            super(message);
        }
    }
}
