package io.sealgate.proxy.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * The one place that maps errors to HTTP responses. Every response Sealgate produces itself carries a JSON body
 * {@code {"error":"<code>","message":"<sentence>","requestId":"..."}} and the request id header.
 */
public final class ErrorResponses {

    /** Header carrying the request id on every response (and on the forwarded request). */
    public static final String REQUEST_ID_HEADER = "Sealgate-Request-Id";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorResponses() {}

    /** A complete error response; {@code close} adds {@code Connection: close}. */
    public static FullHttpResponse of(ByteBufAllocator alloc, ProxyError error, String message, String requestId,
                                      boolean close) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error.code());
        body.put("message", message);
        body.put("requestId", requestId);
        return json(alloc, error.status(), body, requestId, close);
    }

    /**
     * A complete error response for errors whose code is not a {@link ProxyError}: the signing actions' refusals,
     * whose codes come from the process decision ({@code not-your-step}) or the signing error.
     */
    public static FullHttpResponse of(ByteBufAllocator alloc, HttpResponseStatus status, String code, String message,
                                      String requestId, boolean close) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        body.put("requestId", requestId);
        return json(alloc, status, body, requestId, close);
    }

    /** A complete JSON response (also used for Sealgate's own endpoints). */
    public static FullHttpResponse json(ByteBufAllocator alloc, HttpResponseStatus status, Object body,
                                        String requestId, boolean close) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + body.getClass().getSimpleName(), e);
        }
        return text(alloc, status, "application/json", bytes, requestId, close);
    }

    /** A complete response with the given body. */
    public static FullHttpResponse text(ByteBufAllocator alloc, HttpResponseStatus status, String contentType,
                                        byte[] bytes, String requestId, boolean close) {
        ByteBuf content = alloc.buffer(bytes.length).writeBytes(bytes);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                .set(REQUEST_ID_HEADER, requestId);
        if (close) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return response;
    }

    /**
     * Classifies a failure to reach or hear from an upstream: timeouts become 504, everything else 502.
     */
    public static ProxyError classifyUpstreamFailure(Throwable cause) {
        return cause instanceof UpstreamTimeoutException
                || cause instanceof io.netty.channel.ConnectTimeoutException
                || cause instanceof io.netty.handler.ssl.SslHandshakeTimeoutException
                ? ProxyError.UPSTREAM_TIMEOUT : ProxyError.UPSTREAM_UNAVAILABLE;
    }

    /** A sentence describing an upstream failure, without stack traces. */
    public static String describeUpstreamFailure(String upstream, String authority, Throwable cause) {
        String what;
        if (cause instanceof UpstreamTimeoutException t) {
            return "upstream '" + upstream + "' (" + authority + ") sent nothing for " + t.millis() + " ms";
        } else if (cause instanceof MalformedUpstreamResponseException) {
            return "upstream '" + upstream + "' (" + authority + ") sent a malformed response: " + cause.getMessage();
        } else if (cause instanceof io.netty.channel.ConnectTimeoutException) {
            what = "connect timed out";
        } else if (cause instanceof io.netty.handler.ssl.SslHandshakeTimeoutException) {
            what = "TLS handshake timed out";
        } else if (cause instanceof ConnectException) {
            what = "connection refused";
        } else if (cause instanceof SSLException) {
            what = "TLS handshake failed: " + rootMessage(cause);
        } else if (cause instanceof ClosedChannelException) {
            what = "connection closed before a complete response";
        } else if (cause instanceof java.net.UnknownHostException) {
            what = "unknown host";
        } else if (cause instanceof IOException) {
            what = rootMessage(cause);
        } else {
            // Not a network failure: a bug or an exhausted resource inside Sealgate. Its details belong in the log
            // (the caller logs the cause), not in a client's answer.
            what = "the request could not be sent (an internal error; see Sealgate's log)";
        }
        return "upstream '" + upstream + "' (" + authority + ") is unavailable: " + what;
    }

    private static String rootMessage(Throwable cause) {
        Throwable t = cause;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
        // Netty prefixes connect errors with the native call, e.g. "finishConnect(..) failed: Connection refused".
        int colon = message.indexOf("failed: ");
        return colon >= 0 ? message.substring(colon + "failed: ".length()) : message;
    }
}
