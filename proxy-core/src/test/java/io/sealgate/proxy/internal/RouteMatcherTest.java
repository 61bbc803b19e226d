package io.sealgate.proxy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.sealgate.config.PathPattern;
import io.sealgate.config.RouteAction;
import io.sealgate.config.RouteConfig;
import io.sealgate.config.RouteMatch;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteMatcherTest {

    private static RouteConfig route(String name, Set<String> methods, Optional<String> host, PathPattern path,
                                     List<RouteMatch.HeaderCondition> headers) {
        return new RouteConfig(name, new RouteMatch(methods, host, path, headers), "origin", RouteAction.PASS);
    }

    private static HttpHeaders headers(String... nameValues) {
        HttpHeaders headers = new DefaultHttpHeaders();
        for (int i = 0; i < nameValues.length; i += 2) {
            headers.add(nameValues[i], nameValues[i + 1]);
        }
        return headers;
    }

    private final RouteMatcher matcher = new RouteMatcher(List.of(
            route("uploads", Set.of("PUT", "POST"), Optional.empty(), PathPattern.template("/files/{id}"), List.of()),
            route("docs-host", Set.of(), Optional.of("Docs.Example"), PathPattern.prefix("/"), List.of()),
            route("api-v2", Set.of(), Optional.empty(), PathPattern.prefix("/api/"),
                    List.of(new RouteMatch.HeaderCondition("X-Api-Version", Optional.of("2")))),
            route("api-any", Set.of(), Optional.empty(), PathPattern.prefix("/api/"),
                    List.of(new RouteMatch.HeaderCondition("Authorization", Optional.empty()))),
            route("rest", Set.of(), Optional.empty(), PathPattern.prefix("/"), List.of())));

    private String match(String method, String path, HttpHeaders headers) {
        return matcher.match(method, path, headers).map(RouteConfig::name).orElse("none");
    }

    @Test
    void methodAndPathTemplateMustBothHold() {
        assertThat(match("PUT", "/files/42", headers("Host", "a"))).isEqualTo("uploads");
        assertThat(match("GET", "/files/42", headers("Host", "a"))).isEqualTo("rest");
        assertThat(match("PUT", "/files/42/x", headers("Host", "a"))).isEqualTo("rest");
    }

    @Test
    void hostIsComparedWithoutPortAndCase() {
        assertThat(match("GET", "/x", headers("Host", "DOCS.example:8443"))).isEqualTo("docs-host");
        assertThat(match("GET", "/x", headers("Host", "other.example"))).isEqualTo("rest");
    }

    @Test
    void headerConditionsNeedTheValueOrJustPresence() {
        assertThat(match("GET", "/api/x", headers("Host", "a", "x-api-version", "2"))).isEqualTo("api-v2");
        assertThat(match("GET", "/api/x", headers("Host", "a", "X-Api-Version", "3", "Authorization", "b")))
                .isEqualTo("api-any");
        assertThat(match("GET", "/api/x", headers("Host", "a", "X-Api-Version", "3"))).isEqualTo("rest");
    }

    @Test
    void noMatchingRouteGivesNothing() {
        RouteMatcher onlyApi = new RouteMatcher(List.of(route("api", Set.of(), Optional.empty(),
                PathPattern.prefix("/api/"), List.of())));
        assertThat(onlyApi.match("GET", "/other", headers("Host", "a"))).isEmpty();
    }

    @Test
    void ipv6HostKeepsItsBrackets() {
        assertThat(RouteMatcher.hostWithoutPort("[::1]:8080")).isEqualTo("[::1]");
        assertThat(RouteMatcher.hostWithoutPort("Example.COM")).isEqualTo("example.com");
    }
}
