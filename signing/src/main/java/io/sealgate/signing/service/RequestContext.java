package io.sealgate.signing.service;

import io.sealgate.signing.log.LogEntry;

import java.util.Objects;

/**
 * The request a signature is made for, as the signature log records it.
 *
 * @param route          the name of the route the request matched (key usage rules may restrict routes)
 * @param requestId      the proxy's request id; also a signed attribute of every signature made for the request
 * @param authentication how the user was authenticated
 */
public record RequestContext(String route, String requestId, LogEntry.Authentication authentication) {
    public RequestContext {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(authentication, "authentication");
    }
}
