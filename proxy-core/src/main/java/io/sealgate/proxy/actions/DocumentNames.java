package io.sealgate.proxy.actions;

import io.sealgate.config.RouteConfig;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The name a document is known by (manifest document id, messages): from the route's options or the path. */
final class DocumentNames {

    private DocumentNames() {}

    /**
     * The route's {@code document} variable; else the match path's last variable; else the last segment of
     * {@code rawPath}, percent-decoded.
     */
    static String of(RouteConfig route, Map<String, String> variables, String rawPath) {
        if (route.options().document().isPresent()) {
            String value = variables.get(route.options().document().get());
            if (value != null) {
                return lastSegment(value);
            }
        }
        List<String> names = route.match().path().variables();
        if (!names.isEmpty() && variables.containsKey(names.get(names.size() - 1))) {
            return lastSegment(variables.get(names.get(names.size() - 1)));
        }
        return lastSegment(decode(rawPath));
    }

    /** The last segment of a raw path, percent-decoded. */
    static String lastSegmentOfRaw(String rawPath) {
        return lastSegment(decode(rawPath));
    }

    private static String lastSegment(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        String name = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        return name.isEmpty() ? "document" : name;
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }
}
