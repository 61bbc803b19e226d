package io.sealgate.proxy.testing;

import io.sealgate.config.ListenerConfig;
import io.sealgate.config.PathPattern;
import io.sealgate.config.RouteAction;
import io.sealgate.config.RouteConfig;
import io.sealgate.config.RouteMatch;
import io.sealgate.config.SealgateConfig;
import io.sealgate.config.ServerSettings;
import io.sealgate.config.UpstreamConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Configs built in code for proxy tests: one loopback listener on a free port, upstreams, routes. */
public final class TestConfigs {

    private final List<ListenerConfig> listeners = new ArrayList<>();
    private final Map<String, UpstreamConfig> upstreams = new LinkedHashMap<>();
    private final List<RouteConfig> routes = new ArrayList<>();
    private ServerSettings server = new ServerSettings(2, 8192, 16384, Duration.ofSeconds(60), Duration.ofSeconds(5),
            ServerSettings.LogFormat.TEXT);

    public static TestConfigs builder() {
        return new TestConfigs();
    }

    /** One plain-text listener and one catch-all route to {@code baseUrl}. */
    public static SealgateConfig passAllTo(URI baseUrl) {
        return builder().upstream(upstream("origin", baseUrl)).route("all", PathPattern.prefix("/"), "origin").build();
    }

    public static UpstreamConfig upstream(String name, URI baseUrl) {
        return new UpstreamConfig(name, baseUrl, Duration.ofSeconds(5), Duration.ofSeconds(30), 4, false,
                Optional.empty(), Optional.empty());
    }

    public TestConfigs listener(ListenerConfig listener) {
        listeners.add(listener);
        return this;
    }

    public TestConfigs upstream(UpstreamConfig upstream) {
        upstreams.put(upstream.name(), upstream);
        return this;
    }

    public TestConfigs route(String name, PathPattern path, String upstream) {
        return route(new RouteConfig(name, new RouteMatch(Set.of(), Optional.empty(), path, List.of()), upstream,
                RouteAction.PASS));
    }

    public TestConfigs route(RouteConfig route) {
        routes.add(route);
        return this;
    }

    public TestConfigs server(UnaryOperator<ServerSettings> change) {
        server = change.apply(server);
        return this;
    }

    public SealgateConfig build() {
        List<ListenerConfig> l = listeners.isEmpty()
                ? List.of(new ListenerConfig("127.0.0.1", 0, Optional.empty())) : listeners;
        return new SealgateConfig(Optional.empty(), SealgateConfig.DEFAULT_RESERVED_PREFIX, server, l, upstreams,
                routes, Optional.empty());
    }
}
