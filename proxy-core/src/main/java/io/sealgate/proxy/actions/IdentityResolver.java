package io.sealgate.proxy.actions;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.Optional;

/**
 * Who sent a request, known by its headers alone. The signing routes do not use it: they ask
 * {@link io.sealgate.proxy.auth.Authenticator#authenticate} with the peer address and the TLS session too, for the
 * full decision (401 with the reason, 403 {@code no_key}). Implementations never derive a key from request data: they
 * name a user, and the signing service maps the user to the key configured for them.
 */
public interface IdentityResolver {

    /** The authenticated user, or empty when the request carries no credentials this resolver accepts. */
    Optional<Authenticated> resolve(HttpHeaders headers);
}
