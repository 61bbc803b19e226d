package io.sealgate.proxy.actions;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.Optional;

/**
 * Who sent a request. The only source today is the static bearer tokens of {@code users:}
 * ({@link ConfiguredUsers}); the authentication issue adds OIDC/JWT and client certificates behind this interface.
 * Implementations never derive a key from request data: they name a user, and the signing service maps the user
 * to the key configured for them.
 */
public interface IdentityResolver {

    /** The authenticated user, or empty when the request carries no credentials this resolver accepts. */
    Optional<Authenticated> resolve(HttpHeaders headers);
}
