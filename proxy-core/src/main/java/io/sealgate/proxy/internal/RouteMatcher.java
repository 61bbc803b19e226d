package io.sealgate.proxy.internal;

import io.netty.handler.codec.http.HttpHeaders;
import io.sealgate.config.RouteConfig;
import io.sealgate.config.RouteMatch;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Finds the first route whose {@link RouteMatch} holds for a request; routes are tried in config order. */
public final class RouteMatcher {

    private final List<RouteConfig> routes;

    public RouteMatcher(List<RouteConfig> routes) {
        this.routes = List.copyOf(routes);
    }

    /**
     * @param method   upper-case method
     * @param rawPath  raw (percent-encoded) path without the query
     */
    public Optional<RouteConfig> match(String method, String rawPath, HttpHeaders headers) {
        String host = hostWithoutPort(headers.get(io.netty.handler.codec.http.HttpHeaderNames.HOST));
        for (RouteConfig route : routes) {
            if (matches(route.match(), method, host, rawPath, headers)) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }

    private static boolean matches(RouteMatch match, String method, String host, String rawPath,
                                   HttpHeaders headers) {
        if (!match.methods().isEmpty() && !match.methods().contains(method)) {
            return false;
        }
        if (match.host().isPresent() && !match.host().get().equals(host)) {
            return false;
        }
        if (match.path().match(rawPath).isEmpty()) {
            return false;
        }
        for (RouteMatch.HeaderCondition condition : match.headers()) {
            List<String> values = headers.getAll(condition.name());
            if (values.isEmpty()) {
                return false;
            }
            if (condition.value().isPresent() && !values.contains(condition.value().get())) {
                return false;
            }
        }
        return true;
    }

    /** {@code Example.COM:8080} to {@code example.com}, {@code [::1]:8080} to {@code [::1]}; null stays null. */
    static String hostWithoutPort(String hostHeader) {
        if (hostHeader == null) {
            return null;
        }
        String host = hostHeader.trim();
        int end;
        if (host.startsWith("[")) {
            end = host.indexOf(']') + 1;
            if (end == 0) {
                end = host.length();
            }
        } else {
            end = host.indexOf(':');
            if (end < 0) {
                end = host.length();
            }
        }
        return host.substring(0, end).toLowerCase(Locale.ROOT);
    }
}
