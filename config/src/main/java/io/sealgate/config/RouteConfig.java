package io.sealgate.config;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One route: what it matches, where it goes, and what Sealgate does on the way.
 *
 * @param name      unique route name (used in logs and metrics)
 * @param match     the request conditions
 * @param upstream  name of an entry in {@code upstreams:}
 * @param action    what to do with a matching request
 * @param options   the action's settings; {@link RouteOptions#NONE} for pass routes
 * @param forwardAuthorization  whether the client's {@code Authorization} header goes upstream; {@code false}
 *                  ({@code forward-authorization: false}) strips a bearer token meant for Sealgate alone. Sealgate's
 *                  own token on a signing route is never forwarded either way.
 * @param authentication  the identity sources a request on this route may authenticate with
 *                  ({@code authentication: [mtls, jwt]}, sign-upload and approve only); empty: the listener's list,
 *                  else every configured source
 */
public record RouteConfig(String name, RouteMatch match, String upstream, RouteAction action, RouteOptions options,
                          boolean forwardAuthorization, Optional<Set<AuthenticationConfig.Source>> authentication) {

    public RouteConfig {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(authentication, "authentication");
        authentication = authentication.map(Set::copyOf);
    }

    /** A route that accepts the sources of its listener (or every configured one). */
    public RouteConfig(String name, RouteMatch match, String upstream, RouteAction action, RouteOptions options,
                       boolean forwardAuthorization) {
        this(name, match, upstream, action, options, forwardAuthorization, Optional.empty());
    }

    /** A route that forwards the client's {@code Authorization} header. */
    public RouteConfig(String name, RouteMatch match, String upstream, RouteAction action, RouteOptions options) {
        this(name, match, upstream, action, options, true);
    }

    /** A route without action settings (a pass route, or a code-built route relying on the defaults). */
    public RouteConfig(String name, RouteMatch match, String upstream, RouteAction action) {
        this(name, match, upstream, action, RouteOptions.NONE, true);
    }
}
