package io.sealgate.proxy.internal;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.sealgate.proxy.auth.LoginEndpoints;
import io.sealgate.proxy.internal.reserved.ReservedRouter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Sealgate's own endpoints under the reserved prefix: {@code health}, {@code metrics}, the verify page and API
 * ({@code verify}) and the signature log ({@code log/sth}, {@code log/proof}, {@code log/entries}); the last two
 * live in {@link ReservedRouter}. Anything else under the prefix is a 404, never forwarded: the prefix belongs to
 * Sealgate.
 */
final class ReservedEndpoints {

    private final String prefix;
    private final ProxyRuntime runtime;
    private final ReservedRouter router;
    /** The browser login ({@code auth/login}, {@code auth/callback}, {@code auth/logout}); null when not configured. */
    private final LoginEndpoints login;

    ReservedEndpoints(ProxyRuntime runtime) {
        this.runtime = runtime;
        this.prefix = runtime.config().reservedPrefix();
        this.router = new ReservedRouter(runtime.reservedServices());
        this.login = LoginEndpoints.opened(runtime.config()).orElse(null);
    }

    /** Whether Sealgate answers this raw path itself. */
    boolean owns(String rawPath) {
        return rawPath.startsWith(prefix) || rawPath.equals(prefix.substring(0, prefix.length() - 1));
    }

    /** Whether the request is answered through {@link #start} (it reads a body or blocks), not {@link #answer}. */
    boolean takesOver(HttpMethod method, String rawPath) {
        return router.takesOver(method, name(rawPath)) || login != null && LoginEndpoints.owns(name(rawPath));
    }

    /** Takes over the exchange; see {@link #takesOver}. */
    void start(ActionExchange exchange) {
        String name = name(exchange.rawPath());
        if (login != null && LoginEndpoints.owns(name)) {
            login.start(exchange, name);
            return;
        }
        router.start(exchange, name);
    }

    FullHttpResponse answer(ByteBufAllocator alloc, HttpMethod method, String rawPath, String requestId,
                            boolean close) {
        String name = name(rawPath);
        switch (name) {
            case "health":
                return runtime.draining()
                        ? ErrorResponses.json(alloc, HttpResponseStatus.SERVICE_UNAVAILABLE,
                                Map.of("status", "draining"), requestId, close)
                        : ErrorResponses.json(alloc, HttpResponseStatus.OK, Map.of("status", "ok"), requestId, close);
            case "metrics":
                return ErrorResponses.text(alloc, HttpResponseStatus.OK, "text/plain; version=0.0.4; charset=utf-8",
                        runtime.metrics().scrape().getBytes(StandardCharsets.UTF_8), requestId, close);
            default:
                return router.answer(alloc, method, name, requestId, close).orElseGet(() -> ErrorResponses.of(alloc,
                        ProxyError.NOT_FOUND, "no Sealgate endpoint at " + rawPath + " (expected: " + prefix
                                + "health, " + prefix + "metrics, " + prefix + "verify or " + prefix + "log/sth)",
                        requestId, close));
        }
    }

    private String name(String rawPath) {
        return rawPath.length() > prefix.length() ? rawPath.substring(prefix.length()) : "";
    }
}
