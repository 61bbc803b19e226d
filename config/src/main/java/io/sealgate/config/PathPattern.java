package io.sealgate.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A route's path condition: either a plain prefix ({@code /files/}) or a template with variables
 * ({@code /files/{id}}, {@code /dav/{path...}}).
 *
 * <p>Template rules: a {@code {name}} segment matches exactly one non-empty path segment; a trailing
 * {@code {name...}} matches the rest of the path (zero or more segments, slashes included). Literal segments must
 * match exactly. Matching is done on the raw (still percent-encoded) path; captured values are percent-decoded, and a
 * path whose captured part is not valid percent-encoding (like {@code %zz}) does not match.
 */
public final class PathPattern {

    private final String source;
    private final boolean prefix;
    private final List<String> segments;

    private PathPattern(String source, boolean prefix, List<String> segments) {
        this.source = source;
        this.prefix = prefix;
        this.segments = segments;
    }

    /** A prefix pattern; {@code "/"} matches every path. */
    public static PathPattern prefix(String prefix) {
        if (!prefix.startsWith("/")) {
            throw new IllegalArgumentException("path prefix: " + prefix + " (expected: a path starting with '/')");
        }
        return new PathPattern(prefix, true, List.of());
    }

    /**
     * A template pattern.
     *
     * @throws IllegalArgumentException with an Armeria-style message when the template is malformed
     */
    public static PathPattern template(String template) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("path template: " + template + " (expected: a path starting with '/')");
        }
        List<String> segments = new ArrayList<>(List.of(template.substring(1).split("/", -1)));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            boolean variable = segment.startsWith("{") && segment.endsWith("}");
            if (!variable && (segment.contains("{") || segment.contains("}"))) {
                throw new IllegalArgumentException("path template: " + template
                        + " (expected: variables that fill a whole segment, like /files/{id})");
            }
            if (variable) {
                String name = variableName(segment);
                if (segment.endsWith("...}") && i != segments.size() - 1) {
                    throw new IllegalArgumentException("path template: " + template
                            + " (expected: {" + name + "...} only as the last segment)");
                }
                if (name.isEmpty() || !name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
                    throw new IllegalArgumentException("path template: " + template
                            + " (expected: variable names of letters, digits, '_' or '-')");
                }
                if (names.contains(name)) {
                    throw new IllegalArgumentException("path template: " + template
                            + " (expected: each variable name once, but '" + name + "' repeats)");
                }
                names.add(name);
            }
        }
        return new PathPattern(template, false, Collections.unmodifiableList(segments));
    }

    /** Whether this is a plain prefix pattern. */
    public boolean isPrefix() {
        return prefix;
    }

    /** The template's variable names in path order; empty for a prefix. */
    public List<String> variables() {
        return segments.stream().filter(s -> s.startsWith("{")).map(PathPattern::variableName).toList();
    }

    /** Whether {@code name} is this template's trailing {@code {name...}} variable, whose value may hold '/'. */
    public boolean isRestVariable(String name) {
        return !segments.isEmpty() && segments.get(segments.size() - 1).equals("{" + name + "...}");
    }

    /** The prefix or template as written in the config. */
    public String source() {
        return source;
    }

    /**
     * Matches a raw request path (no query string).
     *
     * @return the captured variables (empty map for prefixes), or empty when the path does not match
     */
    public Optional<Map<String, String>> match(String rawPath) {
        if (prefix) {
            return rawPath.startsWith(source) ? Optional.of(Map.of()) : Optional.empty();
        }
        if (!rawPath.startsWith("/")) {
            return Optional.empty();
        }
        String[] parts = rawPath.substring(1).split("/", -1);
        try {
            return matchTemplate(parts);
        } catch (IllegalArgumentException e) {
            // URLDecoder rejects malformed escapes; such a request simply matches no template route.
            return Optional.empty();
        }
    }

    private Optional<Map<String, String>> matchTemplate(String[] parts) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            boolean rest = segment.startsWith("{") && segment.endsWith("...}");
            if (rest) {
                String remainder = i < parts.length ? String.join("/", List.of(parts).subList(i, parts.length)) : "";
                vars.put(variableName(segment), decode(remainder));
                return Optional.of(Collections.unmodifiableMap(vars));
            }
            if (i >= parts.length) {
                return Optional.empty();
            }
            if (segment.startsWith("{")) {
                if (parts[i].isEmpty()) {
                    return Optional.empty();
                }
                vars.put(variableName(segment), decode(parts[i]));
            } else if (!segment.equals(parts[i])) {
                return Optional.empty();
            }
        }
        return parts.length == segments.size() ? Optional.of(Collections.unmodifiableMap(vars)) : Optional.empty();
    }

    private static String variableName(String segment) {
        String inner = segment.substring(1, segment.length() - 1);
        return inner.endsWith("...") ? inner.substring(0, inner.length() - 3) : inner;
    }

    private static String decode(String raw) {
        // '+' is a literal plus in a path, unlike in a query string.
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Two patterns are equal when they are of the same kind and written the same way. */
    @Override
    public boolean equals(Object o) {
        return o instanceof PathPattern p && p.prefix == prefix && p.source.equals(source);
    }

    @Override
    public int hashCode() {
        return source.hashCode() * 31 + (prefix ? 1 : 0);
    }

    @Override
    public String toString() {
        return (prefix ? "prefix " : "template ") + source;
    }
}
