package io.sealgate.proxy.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.util.List;

/**
 * Strict request validation behind Netty's {@code HttpServerCodec}, which is lenient in places and only reports
 * failures through {@link DecoderResult}. Defends against request smuggling (RFC 9112 sections 6.1 and 6.3): a
 * request is refused when it carries both Transfer-Encoding and Content-Length, several or non-numeric
 * Content-Length values, a Transfer-Encoding whose last coding is not chunked, Transfer-Encoding on HTTP/1.0, no or
 * several Host headers on HTTP/1.1, or anything the decoder failed on (bare LF, invalid header names, oversized
 * request line or header block).
 *
 * <p>A refused message is replaced by a {@link RejectedRequest} and everything after it on the connection is
 * dropped: the frontend answers and closes, so no byte of a suspicious request ever reaches an upstream.
 */
public final class RequestValidator extends ChannelInboundHandlerAdapter {

    private boolean rejected;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (rejected) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof RejectedRequest) {
            rejected = true;
            ctx.fireChannelRead(msg);
            return;
        }
        if (!(msg instanceof HttpObject object)) {
            ctx.fireChannelRead(msg);
            return;
        }
        RejectedRequest rejection = check(object);
        if (rejection != null) {
            rejected = true;
            ReferenceCountUtil.release(msg);
            ctx.fireChannelRead(rejection);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    /** Returns why the message must be refused, or null when it is acceptable. */
    static RejectedRequest check(HttpObject object) {
        DecoderResult result = object.decoderResult();
        if (result.isFailure()) {
            // A failed head arrives as a FullHttpRequest, which is also an HttpContent.
            return decoderFailure(result.cause(), object instanceof HttpContent && !(object instanceof HttpRequest));
        }
        if (object instanceof HttpRequest request) {
            String problem = framingProblem(request);
            if (problem != null) {
                return new RejectedRequest(ProxyError.BAD_REQUEST, problem);
            }
        }
        return null;
    }

    private static RejectedRequest decoderFailure(Throwable cause, boolean inBody) {
        if (cause instanceof TooLongHttpLineException) {
            return new RejectedRequest(ProxyError.URI_TOO_LONG, "the request line is too long");
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return new RejectedRequest(ProxyError.HEADERS_TOO_LARGE, "the request header block is too large");
        }
        String detail = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        return new RejectedRequest(ProxyError.BAD_REQUEST,
                (inBody ? "the request body is malformed: " : "the request is malformed: ") + detail);
    }

    private static String framingProblem(HttpRequest request) {
        HttpHeaders headers = request.headers();
        List<String> transferEncodings = headers.getAll(HttpHeaderNames.TRANSFER_ENCODING);
        List<String> contentLengths = headers.getAll(HttpHeaderNames.CONTENT_LENGTH);
        if (!transferEncodings.isEmpty() && !contentLengths.isEmpty()) {
            return "a request must not carry both Transfer-Encoding and Content-Length";
        }
        if (contentLengths.size() > 1) {
            return "a request must carry at most one Content-Length";
        }
        if (contentLengths.size() == 1 && !isDecimal(contentLengths.get(0))) {
            return "Content-Length: " + contentLengths.get(0) + " (expected: a decimal number)";
        }
        if (!transferEncodings.isEmpty()) {
            if (!HttpVersion.HTTP_1_1.equals(request.protocolVersion())) {
                return "Transfer-Encoding is not allowed in " + request.protocolVersion() + " requests";
            }
            String all = String.join(",", transferEncodings);
            String[] codings = all.split(",");
            if (!codings[codings.length - 1].trim().equalsIgnoreCase("chunked")) {
                return "Transfer-Encoding: " + all + " (expected: chunked as the last coding)";
            }
        }
        List<String> hosts = headers.getAll(HttpHeaderNames.HOST);
        if (HttpVersion.HTTP_1_1.equals(request.protocolVersion()) && hosts.size() != 1) {
            return "an HTTP/1.1 request must carry exactly one Host header, not " + hosts.size();
        }
        return null;
    }

    private static boolean isDecimal(String value) {
        if (value.isEmpty() || value.length() > 18) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
