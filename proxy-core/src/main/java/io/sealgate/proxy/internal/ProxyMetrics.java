package io.sealgate.proxy.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The proxy's Prometheus metrics: requests by route and status, a latency histogram by route, request and response
 * body bytes by route, open client connections, and upstream errors by upstream and kind.
 */
public final class ProxyMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger openConnections = new AtomicInteger();

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
        String statusText = Integer.toString(status);
        Counter.builder("sealgate.requests").description("Requests handled, by route and status")
                .tag("route", route).tag("status", statusText).register(registry).increment();
        Timer.builder("sealgate.request.duration").description("Time from request head to end of response")
                .tag("route", route).publishPercentileHistogram().register(registry)
                .record(durationNanos, TimeUnit.NANOSECONDS);
        Counter.builder("sealgate.request.bytes").description("Request body bytes received from clients")
                .baseUnit("bytes").tag("route", route).register(registry).increment(bytesIn);
        Counter.builder("sealgate.response.bytes").description("Response body bytes sent to clients")
                .baseUnit("bytes").tag("route", route).register(registry).increment(bytesOut);
    }

    /** Counts a failure to reach or hear from an upstream, e.g. kind {@code upstream_timeout}. */
    public void upstreamError(String upstream, String kind) {
        Counter.builder("sealgate.upstream.errors").description("Failed upstream exchanges, by upstream and kind")
                .tag("upstream", upstream).tag("kind", kind).register(registry).increment();
    }

    /** The Prometheus text exposition format. */
    public String scrape() {
        return registry.scrape();
    }
}
