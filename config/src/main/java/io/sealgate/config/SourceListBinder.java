package io.sealgate.config;

import io.sealgate.config.AuthenticationConfig.Source;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Binds the {@code authentication:} list of a listener or a route: which of the configured identity sources apply
 * there. Each name must be a source ({@link Source#yamlNames()}) that the config sets up, so a list never names a
 * source that could not answer; {@code mtls} on a listener needs that listener's {@code tls.client-ca}, and on a route
 * some listener's.
 */
final class SourceListBinder {

    static final String KEY = "authentication";

    /** Section names people may write for a source, and the source name they mean. */
    private static final Map<String, String> SECTION_NAMES = Map.of("oidc-login", "oidc-session",
            "users", "static-bearer", "trusted-headers", "trusted-header");

    private final ScalarReader reader;
    private final Set<Source> configured;
    private final boolean anyClientCa;

    /**
     * @param configured  the sources the config sets up ({@link Source#configured})
     * @param anyClientCa whether some listener verifies client certificates
     */
    SourceListBinder(ScalarReader reader, Set<Source> configured, boolean anyClientCa) {
        this.reader = reader;
        this.configured = configured;
        this.anyClientCa = anyClientCa;
    }

    /** A listener's list; {@code clientCa}: whether the listener has {@code tls.client-ca}. */
    Optional<Set<Source>> listener(MappingView view, boolean clientCa) {
        return bind(view, clientCa, "this listener has no tls.client-ca (expected: tls.client-ca on this listener, so"
                + " clients present certificates)");
    }

    /** A route's list; allowed only on routes that act as the user ({@code signs}). */
    Optional<Set<Source>> route(MappingView view, RouteAction action) {
        if (action != null && !action.signs() && view.has(KEY)) {
            reader.problems().add(view.optional(KEY).orElseThrow(), view.path(KEY), "not allowed with action "
                    + action.yamlName() + " (expected: only with sign-upload or approve, the routes that act as"
                    + " the user)");
            return Optional.empty();
        }
        return bind(view, anyClientCa, "no listener has tls.client-ca (expected: tls.client-ca on a listener, so"
                + " clients present certificates)");
    }

    private Optional<Set<Source>> bind(MappingView view, boolean clientCa, String noClientCa) {
        Node node = view.optional(KEY).orElse(null);
        if (node == null) {
            return Optional.empty();
        }
        String key = view.path(KEY);
        List<String> names;
        List<String> keys = new ArrayList<>();
        List<Node> nodes = new ArrayList<>();
        if (node instanceof ScalarNode) {
            String one = reader.string(node, key, expected());
            names = one == null ? null : List.of(one.trim());
            keys.add(key);
            nodes.add(node);
        } else {
            names = reader.strings(node, key, "identity source name");
            if (names != null && names.size() != ((SequenceNode) node).getValue().size()) {
                return Optional.empty(); // a blank element, reported
            }
            for (int i = 0; names != null && i < names.size(); i++) {
                keys.add(key + "[" + i + "]");
                nodes.add(((SequenceNode) node).getValue().get(i));
            }
        }
        // A broken list is reported; empty is then as good as anything, since the config is not used.
        if (names == null) {
            return Optional.empty();
        }
        if (names.isEmpty()) {
            reader.problems().add(node, key, "empty (expected: " + expected() + ")");
            return Optional.empty();
        }
        Set<Source> sources = EnumSet.noneOf(Source.class);
        boolean ok = true;
        for (int i = 0; i < names.size(); i++) {
            Source source = source(nodes.get(i), keys.get(i), names.get(i), clientCa, noClientCa);
            if (source == null) {
                ok = false;
            } else if (!sources.add(source)) {
                reader.problems().add(nodes.get(i), keys.get(i),
                        names.get(i) + ": listed twice (expected: each source once)");
                ok = false;
            }
        }
        return ok ? Optional.of(Collections.unmodifiableSet(sources)) : Optional.empty();
    }

    private Source source(Node node, String key, String name, boolean clientCa, String noClientCa) {
        Optional<Source> source = Source.fromYaml(name);
        if (source.isEmpty()) {
            String hint = SECTION_NAMES.containsKey(name) ? ", did you mean '" + SECTION_NAMES.get(name) + "'?"
                    : DidYouMean.suffix(name, Source.yamlNames());
            reader.problems().add(node, key, name + ": no such identity source" + hint + " (expected: one of "
                    + String.join(", ", Source.yamlNames()) + ")");
            return null;
        }
        if (!configured.contains(source.get())) {
            reader.problems().add(node, key, name + ": not configured (expected: " + setUp(source.get())
                    + (configured.isEmpty() ? ")" : ", or one of the configured sources " + configuredNames() + ")"));
            return null;
        }
        if (source.get() == Source.MTLS && !clientCa) {
            reader.problems().add(node, key, name + ": " + noClientCa);
            return null;
        }
        return source.get();
    }

    private static String setUp(Source source) {
        return switch (source) {
            case MTLS -> "an authentication.mtls section";
            case OIDC_SESSION -> "an authentication.oidc-login section";
            case JWT -> "an authentication.jwt section";
            case STATIC_BEARER -> "a user under users: with a token";
            case TRUSTED_HEADER -> "an authentication.trusted-header section";
        };
    }

    private String configuredNames() {
        return String.join(", ", configured.stream().map(Source::yamlName).toList());
    }

    private static String expected() {
        return "a list of identity sources from " + Names.joinWithOr(Source.yamlNames()) + ", like [mtls, jwt]";
    }
}
