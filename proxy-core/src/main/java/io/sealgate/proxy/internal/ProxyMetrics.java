package io.sealgate.proxy.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The proxy's Prometheus metrics: requests by route and status, a latency histogram by route, request and response
 * body bytes by route, open client connections, and upstream errors by upstream and kind.
 */
public final class ProxyMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger openConnections = new AtomicInteger();
    private final ConcurrentMap<String, RouteMeters> routes = new ConcurrentHashMap<>();

    public ProxyMetrics() {
        registry.gauge("sealgate.connections.open", openConnections);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public void connectionOpened() {
        openConnections.incrementAndGet();
    }

    public void connectionClosed() {
        openConnections.decrementAndGet();
    }

    /** Records one finished request; {@code route} is the route name, or a placeholder for unrouted requests. */
    public void requestCompleted(String route, int status, long durationNanos, long bytesIn, long bytesOut) {
        RouteMeters meters = routes.computeIfAbsent(route, RouteMeters::new);
        meters.requests(status).increment();
        meters.duration.record(durationNanos, TimeUnit.NANOSECONDS);
        meters.bytesIn.increment(bytesIn);
        meters.bytesOut.increment(bytesOut);
    }

    /** Counts a failure to reach or hear from an upstream, e.g. kind {@code upstream_timeout}. */
    public void upstreamError(String upstream, String kind) {
        Counter.builder("sealgate.upstream.errors").description("Failed upstream exchanges, by upstream and kind")
                .tag("upstream", upstream).tag("kind", kind).register(registry).increment();
    }

    /**
     * One route's meters, looked up once: building and registering meters on every request costs a registry lookup
     * and several allocations per meter, on the event loop. Routes come from the config and statuses are three-digit
     * codes, so both maps stay small.
     */
    private final class RouteMeters {
        private final String route;
        private final Timer duration;
        private final Counter bytesIn;
        private final Counter bytesOut;
        private final ConcurrentMap<Integer, Counter> requestsByStatus = new ConcurrentHashMap<>();

        RouteMeters(String route) {
            this.route = route;
            duration = Timer.builder("sealgate.request.duration")
                    .description("Time from request head to end of response").tag("route", route)
                    .publishPercentileHistogram().register(registry);
            bytesIn = Counter.builder("sealgate.request.bytes").description("Request body bytes received from clients")
                    .baseUnit("bytes").tag("route", route).register(registry);
            bytesOut = Counter.builder("sealgate.response.bytes").description("Response body bytes sent to clients")
                    .baseUnit("bytes").tag("route", route).register(registry);
        }

        Counter requests(int status) {
            return requestsByStatus.computeIfAbsent(status, s -> Counter.builder("sealgate.requests")
                    .description("Requests handled, by route and status")
                    .tag("route", route).tag("status", Integer.toString(s)).register(registry));
        }
    }

    /** The Prometheus text exposition format. */
    public String scrape() {
        return registry.scrape();
    }
}
