package io.sealgate.proxy.internal;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.NetUtil;
import io.sealgate.config.UpstreamConfig;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Rewrites message heads on their way through the proxy: removes hop-by-hop headers (RFC 9110 section 7.6.1),
 * re-frames bodies, adds {@code Via}, {@code X-Forwarded-*} and {@code Forwarded}, and points {@code Host} and the
 * request target at the upstream.
 */
public final class ProxyHeaders {

    public static final String VIA = "1.1 sealgate";

    private static final List<CharSequence> HOP_BY_HOP = List.of(
            HttpHeaderNames.CONNECTION, "Keep-Alive", "Proxy-Connection", HttpHeaderNames.TE,
            HttpHeaderNames.TRAILER, HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderNames.UPGRADE,
            HttpHeaderNames.PROXY_AUTHORIZATION, HttpHeaderNames.PROXY_AUTHENTICATE,
            // Connection-specific by definition (RFC 9113 section 3.2.1); never offer h2c upstream.
            "HTTP2-Settings");

    private ProxyHeaders() {}

    /**
     * The request head sent upstream.
     *
     * @param client     the client's address
     * @param clientTls  whether the client connected over TLS
     */
    public static HttpRequest upstreamRequest(HttpRequest in, String rawPathAndQuery, UpstreamConfig upstream,
                                              InetSocketAddress client, boolean clientTls, String requestId) {
        boolean chunked = HttpUtil.isTransferEncodingChunked(in);
        HttpHeaders headers = in.headers().copy();
        removeHopByHop(headers);
        if (chunked) {
            headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        String originalHost = in.headers().get(HttpHeaderNames.HOST);
        String clientIp = NetUtil.toAddressString(client.getAddress()); // compressed IPv6, e.g. ::1
        String proto = clientTls ? "https" : "http";
        appendVia(headers);
        append(headers, "X-Forwarded-For", clientIp);
        headers.set("X-Forwarded-Proto", proto);
        if (originalHost != null) {
            headers.set("X-Forwarded-Host", originalHost);
        }
        String forwardedFor = client.getAddress() instanceof Inet6Address ? "\"[" + clientIp + "]\"" : clientIp;
        String forwarded = "for=" + forwardedFor + ";proto=" + proto
                + (originalHost != null ? ";host=" + quoteIfNeeded(originalHost) : "");
        append(headers, "Forwarded", forwarded);
        if (!upstream.preserveHost() || originalHost == null) {
            headers.set(HttpHeaderNames.HOST, authority(upstream));
        }
        headers.set(ErrorResponses.REQUEST_ID_HEADER, requestId);
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, in.method(), upstreamTarget(upstream, rawPathAndQuery),
                headers);
    }

    /**
     * The response head sent to the client.
     *
     * @param bodyless      the response has no body (HEAD request, 1xx, 204, 304)
     * @param clientHttp11  the client spoke HTTP/1.1 (and so understands chunked framing)
     * @param keepAlive     the client connection stays open after this response
     */
    public static HttpResponse clientResponse(HttpResponse in, boolean bodyless, boolean clientHttp11,
                                              boolean keepAlive, String requestId) {
        boolean hasLength = in.headers().contains(HttpHeaderNames.CONTENT_LENGTH);
        HttpHeaders headers = in.headers().copy();
        removeHopByHop(headers);
        appendVia(headers);
        headers.set(ErrorResponses.REQUEST_ID_HEADER, requestId);
        if (!bodyless && !hasLength && clientHttp11) {
            headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        if (!keepAlive) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (!clientHttp11) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        return new DefaultHttpResponse(HttpVersion.HTTP_1_1, in.status(), headers);
    }

    /** Removes hop-by-hop headers, including every header the {@code Connection} header names. */
    public static void removeHopByHop(HttpHeaders headers) {
        for (String connection : headers.getAll(HttpHeaderNames.CONNECTION)) {
            for (String token : connection.split(",")) {
                String name = token.trim();
                if (!name.isEmpty()) {
                    headers.remove(name);
                }
            }
        }
        for (CharSequence name : HOP_BY_HOP) {
            headers.remove(name);
        }
    }

    /** {@code host} or {@code host:port} when the port is not the scheme's default. */
    public static String authority(UpstreamConfig upstream) {
        String host = upstream.baseUrl().getHost();
        int port = upstream.baseUrl().getPort();
        return port == -1 ? host : host + ":" + port;
    }

    static String upstreamTarget(UpstreamConfig upstream, String rawPathAndQuery) {
        String base = upstream.baseUrl().getRawPath();
        if (base == null || base.isEmpty() || base.equals("/")) {
            return rawPathAndQuery;
        }
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + rawPathAndQuery;
    }

    private static void appendVia(HttpHeaders headers) {
        append(headers, HttpHeaderNames.VIA, VIA);
    }

    private static void append(HttpHeaders headers, CharSequence name, String value) {
        List<String> existing = headers.getAll(name);
        if (existing.isEmpty()) {
            headers.set(name, value);
        } else {
            headers.set(name, String.join(", ", existing) + ", " + value);
        }
    }

    private static String quoteIfNeeded(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == '~')) {
                return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            }
        }
        return value;
    }
}
