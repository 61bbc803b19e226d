package io.sealgate.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole, validated configuration of one Sealgate instance. Immutable: built once by
 * {@link ConfigLoader} (or programmatically, for the quick {@code sealgate proxy} mode and tests)
 * and never changed afterwards.
 *
 * @param source          the YAML file it was read from, empty when built in code
 * @param reservedPrefix  path prefix Sealgate answers itself (health, metrics, verify, log); starts and ends with '/'
 * @param server          process-wide server settings
 * @param listeners       where the proxy accepts connections; at least one
 * @param upstreams       named upstreams in declaration order
 * @param routes          routes in match order; the first match wins
 * @param token           the PKCS#11 token holding user keys; empty when no signing is configured
 * @param organisation    the organisation signatures are made for; present whenever a route signs
 * @param signing         signature level, TSA, revocation source and signing executor limits
 * @param log             where the signature log is kept
 * @param users           static bearer-token users by user id, in declaration order
 * @param processes       approval processes by id, in declaration order (shape-checked; see {@link ProcessConfig})
 * @param keyRules        key-usage restrictions in declaration order
 * @param authentication  identity sources besides the static bearer tokens, and step-up rules
 */
public record SealgateConfig(
        Optional<Path> source,
        String reservedPrefix,
        ServerSettings server,
        List<ListenerConfig> listeners,
        Map<String, UpstreamConfig> upstreams,
        List<RouteConfig> routes,
        Optional<TokenConfig> token,
        Optional<OrganisationConfig> organisation,
        SigningSettings signing,
        LogConfig log,
        Map<String, UserConfig> users,
        Map<String, ProcessConfig> processes,
        List<KeyRuleConfig> keyRules,
        AuthenticationConfig authentication) {

    public static final String DEFAULT_RESERVED_PREFIX = "/.sealgate/";

    public SealgateConfig {
        listeners = List.copyOf(listeners);
        upstreams = Collections.unmodifiableMap(new LinkedHashMap<>(upstreams));
        routes = List.copyOf(routes);
        users = Collections.unmodifiableMap(new LinkedHashMap<>(users));
        processes = Collections.unmodifiableMap(new LinkedHashMap<>(processes));
        keyRules = List.copyOf(keyRules);
        java.util.Objects.requireNonNull(authentication, "authentication");
    }

    /** A config whose only identity source is the static bearer tokens of {@code users:}. */
    public SealgateConfig(Optional<Path> source, String reservedPrefix, ServerSettings server,
            List<ListenerConfig> listeners, Map<String, UpstreamConfig> upstreams, List<RouteConfig> routes,
            Optional<TokenConfig> token, Optional<OrganisationConfig> organisation, SigningSettings signing,
            LogConfig log, Map<String, UserConfig> users, Map<String, ProcessConfig> processes,
            List<KeyRuleConfig> keyRules) {
        this(source, reservedPrefix, server, listeners, upstreams, routes, token, organisation, signing, log, users,
                processes, keyRules, AuthenticationConfig.NONE);
    }

    /**
     * A config without signing: no organisation, users, processes or key rules; default signing and log settings
     * with paths under the config file's directory (the working directory when built in code).
     */
    public SealgateConfig(Optional<Path> source, String reservedPrefix, ServerSettings server,
            List<ListenerConfig> listeners, Map<String, UpstreamConfig> upstreams, List<RouteConfig> routes,
            Optional<TokenConfig> token) {
        this(source, reservedPrefix, server, listeners, upstreams, routes, token, Optional.empty(),
                SigningSettings.defaults(baseDirectory(source)), LogConfig.defaults(baseDirectory(source)), Map.of(),
                Map.of(), List.of());
    }

    /** The directory relative paths in a config resolve against: the config file's, else the working directory. */
    public static Path baseDirectory(Optional<Path> source) {
        Path absolute = source.orElse(Path.of("sealgate.yaml")).toAbsolutePath().normalize();
        return absolute.getParent();
    }

    /** The upstream a route forwards to; validation guarantees it exists. */
    public UpstreamConfig upstreamOf(RouteConfig route) {
        return upstreams.get(route.upstream());
    }
}
