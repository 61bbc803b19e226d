package io.sealgate.proxy.internal;

import io.sealgate.signing.service.SigningService;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Takes over exchanges whose route action is not {@code pass} (sign-upload, approve, verify-upload). The
 * {@link FrontendHandler} hands each such exchange over with its request head; the dispatcher installs a
 * {@link ActionExchange.Handler} for the body and answers through the exchange.
 */
public interface ActionDispatcher {

    /**
     * Whether this dispatcher acts on a request with {@code method} matching {@code route}; when not, the request is
     * passed through like on a pass route (a GET of a document on an upload route, say).
     */
    default boolean handles(io.sealgate.config.RouteConfig route, String method) {
        return true;
    }

    /** Called on the client's event loop right after the request head was read; must not block. */
    void start(ActionExchange exchange);

    /** The signing service behind the actions, which Sealgate's verify and log endpoints use too; empty: none. */
    default Optional<SigningService> signingService() {
        return Optional.empty();
    }

    /** The bounded executor for blocking work, which Sealgate's verify and log endpoints share; empty: none. */
    default Optional<Executor> blockingExecutor() {
        return Optional.empty();
    }
}
