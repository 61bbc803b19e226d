package io.sealgate.proxy.internal;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.handler.ssl.SslContext;
import io.sealgate.config.SealgateConfig;
import io.sealgate.config.UpstreamConfig;
import io.sealgate.proxy.auth.UpstreamCredentials;
import io.sealgate.proxy.internal.reserved.ReservedServices;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every client connection of one server shares: the config, route matcher, upstream pools, metrics, access log,
 * and the set of open client connections (for graceful shutdown). Immutable apart from the drain flag and counters.
 */
public final class ProxyRuntime {

    /** Sent down every client pipeline when shutdown begins. */
    public static final Object DRAIN_EVENT = new Object() {
        @Override
        public String toString() {
            return "DRAIN";
        }
    };

    private final SealgateConfig config;
    private final RouteMatcher routes;
    private final UpstreamPools pools;
    private final ProxyMetrics metrics;
    private final AccessLog accessLog;
    private final ChannelGroup clients = new DefaultChannelGroup("sealgate-clients", GlobalEventExecutor.INSTANCE);
    private final String requestIdPrefix;
    private final AtomicLong requestCounter = new AtomicLong();
    private volatile boolean draining;
    private volatile ActionDispatcher actions;
    private final ReservedServices reservedServices;
    private final UpstreamCredentials upstreamCredentials;

    /**
     * Builds the runtime, including the upstreams' TLS contexts.
     *
     * @param resolver  runs blocking DNS look-ups, off the event loops
     * @throws IOException when an upstream's TLS files cannot be loaded
     */
    public static ProxyRuntime create(SealgateConfig config, Transport transport, Executor resolver)
            throws IOException {
        Map<String, UpstreamConnector> connectors = new LinkedHashMap<>();
        for (UpstreamConfig upstream : config.upstreams().values()) {
            SslContext ssl = upstream.isTls() ? UpstreamTls.clientContext(upstream) : null;
            connectors.put(upstream.name(), new UpstreamConnector(upstream, transport, ssl, resolver));
        }
        return new ProxyRuntime(config, new UpstreamPools(connectors), new ProxyMetrics());
    }

    private ProxyRuntime(SealgateConfig config, UpstreamPools pools, ProxyMetrics metrics) {
        this.config = config;
        this.routes = new RouteMatcher(config.routes());
        this.pools = pools;
        this.metrics = metrics;
        this.accessLog = new AccessLog(config.server().accessLogFormat());
        this.upstreamCredentials = UpstreamCredentials.of(config.authentication());
        this.reservedServices = new ReservedServices(config,
                () -> Optional.ofNullable(actions).flatMap(ActionDispatcher::signingService),
                () -> Optional.ofNullable(actions).flatMap(ActionDispatcher::blockingExecutor));
        this.requestIdPrefix = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE)
                .substring(0, 8);
    }

    SealgateConfig config() {
        return config;
    }

    RouteMatcher routes() {
        return routes;
    }

    UpstreamPools pools() {
        return pools;
    }

    public ProxyMetrics metrics() {
        return metrics;
    }

    AccessLog accessLog() {
        return accessLog;
    }

    /** Sealgate's own credentials, stripped from every request that goes upstream (pass routes included). */
    UpstreamCredentials upstreamCredentials() {
        return upstreamCredentials;
    }

    boolean draining() {
        return draining;
    }

    /** The handler of sign-upload, approve and verify-upload routes; null when the server has no signing service. */
    ActionDispatcher actions() {
        return actions;
    }

    /** Installs the action handler; call before the listeners accept connections. */
    public void actions(ActionDispatcher dispatcher) {
        this.actions = dispatcher;
    }

    /** What the verify page, verify API and log API share. */
    ReservedServices reservedServices() {
        return reservedServices;
    }

    /** Unique per process start and request, short enough to read out on a support call. */
    String nextRequestId() {
        return requestIdPrefix + "-" + Long.toString(requestCounter.incrementAndGet(), 36);
    }

    void clientConnected(Channel channel) {
        clients.add(channel);
        metrics.connectionOpened();
    }

    void clientDisconnected() {
        metrics.connectionClosed();
    }

    /** Begins graceful shutdown: idle connections close now, busy ones after their current response. */
    public ChannelGroup drain() {
        draining = true;
        for (Channel client : clients) {
            client.pipeline().fireUserEventTriggered(DRAIN_EVENT);
        }
        return clients;
    }

    /** Closes pooled upstream connections. */
    public void closeUpstreams() {
        pools.closeAll();
    }
}
