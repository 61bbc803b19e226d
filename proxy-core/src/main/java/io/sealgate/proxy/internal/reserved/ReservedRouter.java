package io.sealgate.proxy.internal.reserved;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.sealgate.proxy.internal.ActionExchange;
import io.sealgate.proxy.internal.ErrorResponses;
import io.sealgate.proxy.internal.ProxyError;
import java.util.Optional;

/**
 * The verify page, verify API and log API under the reserved prefix: which requests they answer at once (the page),
 * which they take over (uploads and log reads, answered from the blocking executor), and the 405s. Stateless; one
 * per server ({@link ReservedServices} holds the shared parts).
 */
public final class ReservedRouter {

    private static final String VERIFY = "verify";
    private static final String LOG = "log/";

    private final ReservedServices services;

    public ReservedRouter(ReservedServices services) {
        this.services = services;
    }

    /**
     * Whether {@code name} (the path after the prefix) is answered through {@link #start} rather than
     * {@link #answer}: a document upload, or a log read.
     */
    public boolean takesOver(HttpMethod method, String name) {
        boolean read = method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD);
        return (name.equals(VERIFY) && method.equals(HttpMethod.POST))
                || (name.startsWith(LOG) && LogApi.knows(name.substring(LOG.length())) && read);
    }

    /** Takes over an exchange {@link #takesOver} accepted; on the event loop, never blocks. */
    public void start(ActionExchange exchange, String name) {
        if (name.equals(VERIFY)) {
            services.verifyApi().start(exchange);
        } else {
            services.logApi().start(exchange, name.substring(LOG.length()));
        }
    }

    /**
     * The page, its assets and the 405s, answered at once; empty when {@code name} is none of this router's
     * endpoints.
     */
    public Optional<FullHttpResponse> answer(ByteBufAllocator alloc, HttpMethod method, String name, String requestId,
                                             boolean close) {
        boolean read = method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD);
        if (name.equals(VERIFY) || name.startsWith(VERIFY + "/")) {
            String rest = name.substring(VERIFY.length());
            if (read) {
                return services.page().answer(alloc, rest, requestId, close);
            }
            return Optional.of(notAllowed(alloc, method, name, rest.isEmpty() ? "GET, HEAD, POST" : "GET, HEAD",
                    requestId, close));
        }
        if (name.startsWith(LOG) && LogApi.knows(name.substring(LOG.length()))) {
            return Optional.of(notAllowed(alloc, method, name, "GET, HEAD", requestId, close));
        }
        return Optional.empty();
    }

    private static FullHttpResponse notAllowed(ByteBufAllocator alloc, HttpMethod method, String name, String allow,
                                               String requestId, boolean close) {
        FullHttpResponse response = ErrorResponses.of(alloc, ProxyError.METHOD_NOT_ALLOWED, "method: " + method
                + " (expected: " + allow + " for " + name + ")", requestId, close);
        response.headers().set(HttpHeaderNames.ALLOW, allow);
        return response;
    }
}
