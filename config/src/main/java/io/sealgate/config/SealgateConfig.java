package io.sealgate.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole, validated configuration of one Sealgate instance. Immutable: built once by
 * {@link ConfigLoader} (or programmatically, for the quick {@code sealgate proxy} mode and tests)
 * and never changed afterwards.
 *
 * @param source          the YAML file it was read from, empty when built in code
 * @param reservedPrefix  path prefix Sealgate answers itself (health, metrics, verify, log); starts and ends with '/'
 * @param server          process-wide server settings
 * @param listeners       where the proxy accepts connections; at least one
 * @param upstreams       named upstreams in declaration order
 * @param routes          routes in match order; the first match wins
 * @param token           the PKCS#11 token holding user keys; empty when no signing is configured
 */
public record SealgateConfig(
        Optional<Path> source,
        String reservedPrefix,
        ServerSettings server,
        List<ListenerConfig> listeners,
        Map<String, UpstreamConfig> upstreams,
        List<RouteConfig> routes,
        Optional<TokenConfig> token) {

    public static final String DEFAULT_RESERVED_PREFIX = "/.sealgate/";

    public SealgateConfig {
        listeners = List.copyOf(listeners);
        upstreams = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(upstreams));
        routes = List.copyOf(routes);
    }

    /** The upstream a route forwards to; validation guarantees it exists. */
    public UpstreamConfig upstreamOf(RouteConfig route) {
        return upstreams.get(route.upstream());
    }
}
