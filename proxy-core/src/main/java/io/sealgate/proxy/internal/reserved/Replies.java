package io.sealgate.proxy.internal.reserved;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.sealgate.proxy.internal.ActionExchange;
import io.sealgate.proxy.internal.ProxyError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The answers and clean-ups the reserved endpoints share. */
final class Replies {

    private static final Logger LOG = LoggerFactory.getLogger(Replies.class);
    /** Seconds a client should wait after a 503 for a full executor. */
    static final String RETRY_AFTER_SECONDS = "2";

    private Replies() {}

    static void error(ActionExchange exchange, ProxyError error, String message) {
        exchange.respondError(error.status(), error.code(), message, null);
    }

    /**
     * An answer before the request body was read: says {@code Connection: close}, so a client that stops sending
     * the body (as RFC 9112 section 9.6 allows then) does not reuse a connection whose framing is lost.
     */
    static void early(ActionExchange exchange, ProxyError error, String message) {
        exchange.respondError(error.status(), error.code(), message, closing());
    }

    private static HttpHeaders closing() {
        return new DefaultHttpHeaders().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }

    /** 500: something on Sealgate's side failed (disk, a bug); the log has the details. */
    static void internal(ActionExchange exchange, String message) {
        exchange.respondError(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal_error", message, null);
    }

    /** {@link #internal} before the request body was read (see {@link #early}). */
    static void internalEarly(ActionExchange exchange, String message) {
        exchange.respondError(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal_error", message, closing());
    }

    /** 503 with Retry-After: the blocking executor is full. Said early or late, the connection closes. */
    static void busy(ActionExchange exchange) {
        HttpHeaders headers = closing().set(HttpHeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
        exchange.respondError(ProxyError.BUSY.status(), ProxyError.BUSY.code(),
                "Sealgate is busy: too many documents are waiting to be processed; retry in "
                        + RETRY_AFTER_SECONDS + " seconds", headers);
    }

    /** Deletes {@code file} on {@code executor}, or right here when the executor is full. */
    static void deleteLater(Executor executor, Path file) {
        try {
            executor.execute(() -> deleteNow(file));
        } catch (RejectedExecutionException e) {
            deleteNow(file);
        }
    }

    static void deleteNow(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete the spool file {}: {}", file, e.getMessage());
        }
    }
}
