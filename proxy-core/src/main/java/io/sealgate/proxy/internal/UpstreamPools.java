package io.sealgate.proxy.internal;

import io.netty.channel.EventLoop;
import io.sealgate.config.UpstreamConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One {@link UpstreamPool} per event loop and upstream, created on first use. */
final class UpstreamPools {

    private final Map<String, UpstreamConnector> connectors;
    private final ConcurrentHashMap<EventLoop, Map<String, UpstreamPool>> pools = new ConcurrentHashMap<>();

    UpstreamPools(Map<String, UpstreamConnector> connectors) {
        this.connectors = Map.copyOf(connectors);
    }

    /** Call on {@code loop}: the inner map is confined to it. */
    UpstreamPool poolFor(EventLoop loop, UpstreamConfig upstream) {
        Map<String, UpstreamPool> byUpstream = pools.computeIfAbsent(loop, l -> new HashMap<>());
        return byUpstream.computeIfAbsent(upstream.name(),
                name -> new UpstreamPool(loop, connectors.get(name), Math.max(0, upstream.poolSize())));
    }

    /** Closes every idle connection, each on its own event loop. */
    void closeAll() {
        pools.forEach((loop, byUpstream) -> loop.execute(() -> byUpstream.values().forEach(UpstreamPool::closeAll)));
    }
}
