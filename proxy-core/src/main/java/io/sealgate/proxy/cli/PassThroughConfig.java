package io.sealgate.proxy.cli;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The config of {@code sealgate proxy --listen HOST:PORT --to URL}, built in code: one plain listener, one upstream
 * named {@value #UPSTREAM}, one {@code pass} route for every path. Tests use it to put a proxy in front of a real
 * server.
 */
public final class PassThroughConfig {
    public static final String UPSTREAM = "upstream";
    public static final String ROUTE = "pass-all";
    // The defaults a YAML upstream gets when it names none (docs/configuration.md).
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final int POOL_SIZE = 16;

    private PassThroughConfig() {}

    /**
     * @param host      address to listen on
     * @param port      0-65535; 0 picks a free port
     * @param upstream  {@code http://} or {@code https://} base URL of the service behind the proxy
     */
    public static SealgateConfig of(String host, int port, URI upstream) {
        UpstreamConfig up = new UpstreamConfig(UPSTREAM, upstream, CONNECT_TIMEOUT, READ_TIMEOUT, POOL_SIZE, false,
                Optional.empty(), Optional.empty());
        RouteConfig route = new RouteConfig(ROUTE,
                new RouteMatch(Set.of(), Optional.empty(), PathPattern.prefix("/"), List.of()), UPSTREAM,
                RouteAction.PASS);
        return new SealgateConfig(Optional.empty(), SealgateConfig.DEFAULT_RESERVED_PREFIX, ServerSettings.defaults(),
                List.of(new ListenerConfig(host, port, Optional.empty())), Map.of(UPSTREAM, up), List.of(route),
                Optional.empty());
    }
}
