package io.sealgate.proxy.internal.reserved;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.sealgate.proxy.internal.ErrorResponses;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * The verify page ({@code GET <prefix>verify}) and its two assets, served from classpath resources under
 * {@code io/sealgate/proxy/verify/}, loaded once. The page loads nothing from elsewhere (it works offline), and the
 * Content-Security-Policy allows only its own script and style: no inline script, no inline event handlers.
 */
final class VerifyPage {

    /** Allows the page's own script, style and API calls, nothing else: no inline code, no frames, no plugins. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; "
            + "base-uri 'none'";

    private record Asset(String contentType, byte[] bytes) {}

    private final Map<String, Asset> assets;

    private VerifyPage(Map<String, Asset> assets) {
        this.assets = assets;
    }

    /** Reads the resources; a missing one is a packaging bug, so it throws. */
    static VerifyPage load() {
        return new VerifyPage(Map.of(
                "", new Asset("text/html; charset=utf-8", resource("index.html")),
                "/verify.css", new Asset("text/css; charset=utf-8", resource("verify.css")),
                "/verify.js", new Asset("text/javascript; charset=utf-8", resource("verify.js"))));
    }

    /**
     * The response for {@code rest}, what follows {@code <prefix>verify} in the path ({@code ""},
     * {@code "/verify.css"}, {@code "/verify.js"}); empty for anything else.
     */
    Optional<FullHttpResponse> answer(ByteBufAllocator alloc, String rest, String requestId, boolean close) {
        Asset asset = assets.get(rest);
        if (asset == null) {
            return Optional.empty();
        }
        FullHttpResponse response = ErrorResponses.text(alloc, HttpResponseStatus.OK, asset.contentType(),
                asset.bytes(), requestId, close);
        response.headers()
                .set("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .set("X-Content-Type-Options", "nosniff")
                .set("X-Frame-Options", "DENY")
                .set("Referrer-Policy", "no-referrer")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        return Optional.of(response);
    }

    private static byte[] resource(String name) {
        String path = "/io/sealgate/proxy/verify/" + name;
        try (InputStream in = VerifyPage.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("resource " + path + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + path, e);
        }
    }
}
