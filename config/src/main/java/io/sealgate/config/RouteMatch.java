package io.sealgate.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The conditions a request must meet for a route to apply. All present conditions must hold.
 *
 * @param methods  upper-case HTTP methods; empty means any method
 * @param host     host the request names (the {@code Host} header without port, case-insensitive); empty means any
 * @param path     path prefix or template
 * @param headers  header conditions
 */
public record RouteMatch(Set<String> methods, Optional<String> host, PathPattern path, List<HeaderCondition> headers) {

    public RouteMatch {
        methods = Set.copyOf(methods);
        host = host.map(h -> h.toLowerCase(Locale.ROOT));
        headers = List.copyOf(headers);
    }

    /**
     * A header condition: the header must be present, and when {@code value} is given, one of its values must equal
     * it exactly.
     *
     * @param name   header name, compared case-insensitively
     * @param value  required value; empty means "present with any value"
     */
    public record HeaderCondition(String name, Optional<String> value) {}
}
