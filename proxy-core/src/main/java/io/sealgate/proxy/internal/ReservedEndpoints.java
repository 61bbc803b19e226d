package io.sealgate.proxy.internal;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Sealgate's own endpoints under the reserved prefix: {@code health} and {@code metrics}. Anything else under the
 * prefix is a 404, never forwarded: the prefix belongs to Sealgate.
 */
final class ReservedEndpoints {

    private final String prefix;
    private final ProxyRuntime runtime;

    ReservedEndpoints(ProxyRuntime runtime) {
        this.runtime = runtime;
        this.prefix = runtime.config().reservedPrefix();
    }

    /** Whether Sealgate answers this raw path itself. */
    boolean owns(String rawPath) {
        return rawPath.startsWith(prefix) || rawPath.equals(prefix.substring(0, prefix.length() - 1));
    }

    FullHttpResponse answer(ByteBufAllocator alloc, String rawPath, String requestId, boolean close) {
        String name = rawPath.length() > prefix.length() ? rawPath.substring(prefix.length()) : "";
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
                return ErrorResponses.of(alloc, ProxyError.NOT_FOUND,
                        "no Sealgate endpoint at " + rawPath + " (expected: " + prefix + "health or " + prefix
                                + "metrics)", requestId, close);
        }
    }
}
