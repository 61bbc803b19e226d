package io.sealgate.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.Node;

/** Binds {@code routes:}, checking names are unique, upstreams exist and actions are available in this build. */
final class RouteBinder {

    static final List<String> ROUTE_KEYS = routeKeys();
    static final List<String> MATCH_KEYS = List.of("methods", "host", "path", "path-prefix", "headers");
    static final List<String> HEADER_KEYS = List.of("name", "value");

    /** RFC 9110 token characters, the syntax of both method and header names. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+\\]");

    private final ScalarReader reader;
    private final Set<String> upstreamNames;
    private final Set<RouteAction> availableActions;
    private final RouteOptionsBinder options;
    private final Map<String, String> routeNames = new HashMap<>();

    private final SourceListBinder sourceLists;

    RouteBinder(ScalarReader reader, Set<String> upstreamNames, Set<RouteAction> availableActions,
            Set<String> processNames, SourceListBinder sourceLists) {
        this.reader = reader;
        this.sourceLists = sourceLists;
        this.upstreamNames = upstreamNames;
        this.availableActions = availableActions;
        this.options = new RouteOptionsBinder(reader, processNames);
    }

    private static List<String> routeKeys() {
        List<String> keys = new ArrayList<>(List.of("name", "match", "upstream", "action", "forward-authorization",
                SourceListBinder.KEY));
        keys.addAll(RouteOptionsBinder.OPTION_ACTIONS.keySet());
        return List.copyOf(keys);
    }

    List<RouteConfig> bind(MappingView top) {
        List<RouteConfig> routes = new ArrayList<>();
        List<Node> nodes = top.requiredNonEmptyList("routes", "route");
        for (int i = 0; nodes != null && i < nodes.size(); i++) {
            MappingView view = MappingView.of(nodes.get(i), "routes[" + i + "]", ROUTE_KEYS, reader);
            if (view != null) {
                MappingView matchView = view.optionalMapping("match", MATCH_KEYS);
                RouteMatch match = matchView == null ? (view.has("match") ? null : matchAll()) : match(matchView);
                String name = name(view);
                String upstream = upstream(view);
                RouteAction action = action(view);
                // An action this build lacks is reported already; judging its settings would only add noise.
                RouteAction judged = availableActions.contains(action) ? action : null;
                routes.add(new RouteConfig(name, match, upstream, action, options.bind(view, judged, match),
                        view.optionalBoolean("forward-authorization", true), sourceLists.route(view, judged)));
            }
        }
        return routes;
    }

    private String name(MappingView view) {
        String name = view.requiredString("name", Names.EXPECTED);
        if (name == null) {
            return null;
        }
        Node node = view.optional("name").orElseThrow();
        if (!Names.isValid(name)) {
            reader.problems().add(node, view.path("name"), ScalarReader.describe(node) + " (expected: "
                    + Names.EXPECTED + ")");
        }
        String here = view.path() + " on line " + Problems.lineOf(node);
        String first = routeNames.putIfAbsent(name, here);
        if (first != null) {
            reader.problems().add(node, view.path("name"), ScalarReader.describe(node)
                    + ": already used by " + first + " (expected: a unique route name)");
        }
        return name;
    }

    private String upstream(MappingView view) {
        String upstream = view.requiredString("upstream", "the name of an upstream");
        if (upstream != null && !upstreamNames.isEmpty() && !upstreamNames.contains(upstream)) {
            // With no upstreams at all, that error is already reported; repeating it per route adds only noise.
            Node node = view.optional("upstream").orElseThrow();
            reader.problems().add(node, view.path("upstream"), ScalarReader.describe(node) + ": no such upstream"
                    + DidYouMean.suffix(upstream, upstreamNames)
                    + " (expected: one of " + String.join(", ", upstreamNames) + ")");
        }
        return upstream;
    }

    private RouteAction action(MappingView view) {
        String expected = actionExpectation();
        String name = view.requiredString("action", expected);
        if (name == null) {
            return null;
        }
        Node node = view.optional("action").orElseThrow();
        Optional<RouteAction> action = RouteAction.fromYaml(name.trim());
        if (action.isEmpty()) {
            reader.problems().add(node, view.path("action"), ScalarReader.describe(node) + ": no such action"
                    + DidYouMean.suffix(name.trim(), actionNames(null)) + " (expected: " + expected + ")");
            return null;
        }
        if (!availableActions.contains(action.get())) {
            reader.problems().add(node, view.path("action"), ScalarReader.describe(node)
                    + " (expected: " + expected + ")");
        }
        return action.get();
    }

    /** {@code "pass; sign-upload, approve and verify-upload arrive with later releases"}. */
    private String actionExpectation() {
        List<String> available = actionNames(true);
        List<String> later = actionNames(false);
        String expected = String.join(", ", available);
        if (!later.isEmpty()) {
            expected += "; " + Names.joinWithAnd(later)
                    + (later.size() == 1 ? " arrives with a later release" : " arrive with later releases");
        }
        return expected;
    }

    private List<String> actionNames(Boolean available) {
        List<String> names = new ArrayList<>();
        for (RouteAction action : RouteAction.values()) {
            if (available == null || availableActions.contains(action) == available) {
                names.add(action.yamlName());
            }
        }
        return names;
    }

    private static RouteMatch matchAll() {
        return new RouteMatch(Set.of(), Optional.empty(), PathPattern.prefix("/"), List.of());
    }

    private RouteMatch match(MappingView view) {
        Set<String> methods = new LinkedHashSet<>();
        List<Node> methodNodes = view.optionalList("methods", "HTTP method");
        for (int i = 0; methodNodes != null && i < methodNodes.size(); i++) {
            String method = token(methodNodes.get(i), view.path("methods") + "[" + i + "]",
                    "an HTTP method like GET or PUT");
            if (method != null) {
                methods.add(method.toUpperCase(Locale.ROOT));
            }
        }
        Optional<String> host = view.optional("host").map(node -> {
            String expected = "a host name without port, like docs.example.com";
            String value = reader.string(node, view.path("host"), expected);
            if (value != null && !HOST.matcher(value.trim()).matches()) {
                reader.problems().add(node, view.path("host"), ScalarReader.describe(node)
                        + " (expected: " + expected + ")");
            }
            return value == null ? null : value.trim();
        });
        return new RouteMatch(methods, host, path(view), headers(view));
    }

    private PathPattern path(MappingView view) {
        boolean hasTemplate = view.optional("path").isPresent();
        boolean hasPrefix = view.optional("path-prefix").isPresent();
        if (hasTemplate && hasPrefix) {
            reader.problems().add(view.optional("path-prefix").orElseThrow(), view.path("path-prefix"),
                    "set together with path (expected: exactly one of path and path-prefix)");
            return null;
        }
        if (!hasTemplate && !hasPrefix) {
            return PathPattern.prefix("/");
        }
        String key = hasTemplate ? "path" : "path-prefix";
        Node node = view.optional(key).orElseThrow();
        String value = reader.string(node, view.path(key), hasTemplate
                ? "a path template like /files/{name}" : "a path prefix like /files/");
        if (value == null) {
            return null;
        }
        try {
            return hasTemplate ? PathPattern.template(value) : PathPattern.prefix(value);
        } catch (IllegalArgumentException e) {
            // PathPattern's message is "path template: <value> (expected: ...)"; the key path already says which.
            String message = e.getMessage();
            reader.problems().add(node, view.path(key), message.substring(message.indexOf(": ") + 2));
            return null;
        }
    }

    private List<RouteMatch.HeaderCondition> headers(MappingView view) {
        List<RouteMatch.HeaderCondition> headers = new ArrayList<>();
        List<Node> nodes = view.optionalList("headers", "header condition");
        for (int i = 0; nodes != null && i < nodes.size(); i++) {
            MappingView header = MappingView.of(nodes.get(i), view.path("headers") + "[" + i + "]", HEADER_KEYS,
                    reader);
            if (header != null) {
                String name = token(header.required("name", "a header name like X-Tenant"), header.path("name"),
                        "a header name like X-Tenant");
                Optional<String> value = header.optionalString("value", "the header value to require");
                if (name != null) {
                    headers.add(new RouteMatch.HeaderCondition(name, value));
                }
            }
        }
        return headers;
    }

    private String token(Node node, String key, String expected) {
        String value = reader.string(node, key, expected);
        if (value != null && !TOKEN.matcher(value.trim()).matches()) {
            reader.problems().add(node, key, ScalarReader.describe(node) + " (expected: " + expected + ")");
            return null;
        }
        return value == null ? null : value.trim();
    }
}
