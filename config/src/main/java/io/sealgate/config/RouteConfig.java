package io.sealgate.config;

import java.util.Objects;

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
 */
public record RouteConfig(String name, RouteMatch match, String upstream, RouteAction action, RouteOptions options,
                          boolean forwardAuthorization) {

    public RouteConfig {
        Objects.requireNonNull(options, "options");
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
