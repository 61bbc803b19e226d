package io.sealgate.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Binds the top level of a composed YAML document to a {@link SealgateConfig}: the reserved prefix, server settings,
 * listeners and token here; upstreams and routes in their own binders.
 *
 * <p>Binding never stops at the first problem. A part that fails is recorded in {@link Problems} and left null (or
 * left out of its list), and the half-built config is discarded by the caller whenever any problem was recorded.
 */
final class ConfigBinder {

    static final List<String> TOP_KEYS = List.of("reserved-prefix", "server", "listeners", "upstreams", "routes",
            "token", "organisation", "signing", "log", "users", "processes", "key-rules", "authentication");
    static final List<String> SERVER_KEYS = List.of("io-threads", "max-initial-line-bytes", "max-header-bytes",
            "idle-timeout", "shutdown-grace", "access-log");
    static final List<String> LISTENER_KEYS = List.of("host", "port", "tls", SourceListBinder.KEY);
    static final List<String> TLS_KEYS = List.of("certificate-chain", "private-key", "client-ca");
    static final List<String> TOKEN_KEYS = List.of("library", "label", "pin");

    private static final String RESERVED_PREFIX = "a path that starts and ends with '/', like /.sealgate/";
    private static final String HOST = "a host name or IP address to bind, like 127.0.0.1";

    private final ScalarReader reader;
    private final Optional<Path> source;
    private final Set<RouteAction> availableActions;

    ConfigBinder(ScalarReader reader, Optional<Path> source, Set<RouteAction> availableActions) {
        this.reader = reader;
        this.source = source;
        this.availableActions = availableActions;
    }

    /** Binds {@code root}; returns null when it is not a mapping at all. */
    SealgateConfig bind(Node root) {
        if (!(root instanceof MappingNode)) {
            reader.problems().add(root, ConfigLoader.DOCUMENT_KEY, ScalarReader.describe(root)
                    + " (expected: a mapping with keys " + String.join(", ", TOP_KEYS) + ")");
            return null;
        }
        MappingView top = MappingView.of(root, "", TOP_KEYS, reader);
        String reservedPrefix = reservedPrefix(top);
        ServerSettings server = server(top.optionalMapping("server", SERVER_KEYS));
        Optional<TokenConfig> token = Optional.ofNullable(token(top.optionalMapping("token", TOKEN_KEYS)));
        SettingsBinder settings = new SettingsBinder(reader, SealgateConfig.baseDirectory(source));
        Optional<OrganisationConfig> organisation = Optional.ofNullable(
                settings.organisation(top.optionalMapping("organisation", SettingsBinder.ORGANISATION_KEYS)));
        SigningSettings signing = settings.signing(top.optionalMapping("signing", SettingsBinder.SIGNING_KEYS));
        LogConfig log = settings.log(top.optionalMapping("log", SettingsBinder.LOG_KEYS));
        Map<String, UserConfig> users = new UserBinder(reader)
                .bind(top, organisation.map(OrganisationConfig::sealKey).orElse(null));
        AuthenticationConfig authentication = new AuthenticationBinder(reader, SealgateConfig.baseDirectory(source))
                .bind(top);
        // Listeners and routes name identity sources, so they are bound after the sources (errors sort by line).
        SourceListBinder sourceLists = new SourceListBinder(reader,
                AuthenticationConfig.Source.configured(authentication, users.values()), anyClientCa(top));
        List<ListenerConfig> listeners = listeners(top, sourceLists);
        UpstreamBinder upstreams = new UpstreamBinder(reader);
        Map<String, UpstreamConfig> upstreamConfigs = upstreams.bind(top);
        ProcessBinder processBinder = new ProcessBinder(reader);
        Map<String, ProcessConfig> processes = processBinder.processes(top);
        List<RouteConfig> routes = new RouteBinder(reader, upstreams.names(), availableActions, processes.keySet(),
                sourceLists).bind(top);
        List<KeyRuleConfig> keyRules = processBinder.keyRules(top);
        requireSigningSections(top, routes);
        return new SealgateConfig(source, reservedPrefix, server, listeners, upstreamConfigs, routes, token,
                organisation, signing, log, users, processes, keyRules, authentication);
    }

    /** A route that signs needs the token with the keys and the organisation to sign for. */
    private void requireSigningSections(MappingView top, List<RouteConfig> routes) {
        RouteConfig signing = routes.stream()
                .filter(r -> r.action() != null && r.action().signs() && availableActions.contains(r.action()))
                .findFirst().orElse(null);
        if (signing == null) {
            return;
        }
        Node where = NodePaths.find(top.node(), "routes[" + routes.indexOf(signing) + "].action");
        String because = ", since route " + signing.name() + " signs)";
        if (!top.has("token")) {
            reader.problems().add(where, "token", "missing (expected: a token: section with the signing keys"
                    + because);
        }
        if (!top.has("organisation")) {
            reader.problems().add(where, "organisation", "missing (expected: an organisation: section naming who"
                    + " signs" + because);
        }
    }

    private String reservedPrefix(MappingView top) {
        Node node = top.optional("reserved-prefix").orElse(null);
        if (node == null) {
            return SealgateConfig.DEFAULT_RESERVED_PREFIX;
        }
        String value = reader.string(node, "reserved-prefix", RESERVED_PREFIX);
        if (value != null && (value.length() < 2 || !value.startsWith("/") || !value.endsWith("/")
                || value.chars().anyMatch(c -> c <= ' ' || c == '?' || c == '#'))) {
            reader.problems().add(node, "reserved-prefix",
                    ScalarReader.describe(node) + " (expected: " + RESERVED_PREFIX + ")");
            return null;
        }
        return value;
    }

    private ServerSettings server(MappingView view) {
        ServerSettings d = ServerSettings.defaults();
        if (view == null) {
            return d;
        }
        return new ServerSettings(
                view.optionalInt("io-threads", 0, 1024, d.ioThreads()),
                view.optionalInt("max-initial-line-bytes", 1, Integer.MAX_VALUE, d.maxInitialLineBytes()),
                view.optionalInt("max-header-bytes", 1, Integer.MAX_VALUE, d.maxHeaderBytes()),
                view.optionalDuration("idle-timeout", true, d.idleTimeout()),
                view.optionalDuration("shutdown-grace", false, d.shutdownGrace()),
                accessLogFormat(view, d.accessLogFormat()));
    }

    private ServerSettings.LogFormat accessLogFormat(MappingView view, ServerSettings.LogFormat defaultFormat) {
        String expected = "text or json";
        Node node = view.optional("access-log").orElse(null);
        String format = reader.string(node, view.path("access-log"), expected);
        if (format == null) {
            return defaultFormat;
        }
        return switch (format.trim().toLowerCase(Locale.ROOT)) {
            case "text" -> ServerSettings.LogFormat.TEXT;
            case "json" -> ServerSettings.LogFormat.JSON;
            default -> {
                reader.problems().add(node, view.path("access-log"),
                        ScalarReader.describe(node) + " (expected: " + expected + ")");
                yield defaultFormat;
            }
        };
    }

    /** Whether some listener sets {@code tls.client-ca} (read from the nodes: listeners are bound later). */
    private static boolean anyClientCa(MappingView top) {
        Node listeners = top.optional("listeners").orElse(null);
        if (!(listeners instanceof org.yaml.snakeyaml.nodes.SequenceNode list)) {
            return false;
        }
        for (int i = 0; i < list.getValue().size(); i++) {
            Node ca = NodePaths.find(top.node(), "listeners[" + i + "].tls.client-ca");
            if (ca instanceof org.yaml.snakeyaml.nodes.ScalarNode) {
                return true;
            }
        }
        return false;
    }

    private List<ListenerConfig> listeners(MappingView top, SourceListBinder sourceLists) {
        List<ListenerConfig> listeners = new ArrayList<>();
        List<Node> nodes = top.requiredNonEmptyList("listeners", "listener");
        if (nodes == null) {
            return listeners;
        }
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            String path = "listeners[" + i + "]";
            MappingView view = MappingView.of(nodes.get(i), path, LISTENER_KEYS, reader);
            if (view == null) {
                continue;
            }
            String host = view.requiredString("host", HOST);
            Integer port = view.requiredInt("port", 0, 65535);
            MappingView tls = view.optionalMapping("tls", TLS_KEYS);
            Optional<ListenerConfig.Tls> tlsConfig = tls == null ? Optional.empty() : Optional.of(
                    new ListenerConfig.Tls(tls.requiredFile("certificate-chain"), tls.requiredFile("private-key"),
                            tls.optionalFile("client-ca")));
            if (host != null && port != null && port != 0) {
                // Port 0 asks the OS for a free port, so several such listeners never collide.
                String address = host + ":" + port;
                String first = seen.putIfAbsent(address, path + " on line " + Problems.lineOf(view.node()));
                if (first != null) {
                    reader.problems().add(view.node(), path, address + ": also used by " + first
                            + " (expected: each host and port once)");
                }
            }
            boolean clientCa = tls != null && tls.has("client-ca");
            listeners.add(new ListenerConfig(host, port == null ? -1 : port, tlsConfig,
                    sourceLists.listener(view, clientCa)));
        }
        return listeners;
    }

    private TokenConfig token(MappingView view) {
        if (view == null) {
            return null;
        }
        Path library = view.requiredFile("library");
        String label = view.requiredString("label", "the token label, like sealgate");
        String pin = view.requiredString("pin", "the user PIN, like ${SEALGATE_TOKEN_PIN}");
        return new TokenConfig(library, label, pin == null ? null : new Secret(pin));
    }
}
