package io.sealgate.config;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.Node;

/**
 * Binds {@code authentication:} into an {@link AuthenticationConfig}. Algorithms are checked against an explicit
 * list of asymmetric JWS algorithms: {@code none} and the HMAC family are refused outright, so a token can never be
 * checked with a public key used as an HMAC secret.
 */
final class AuthenticationBinder {

    static final List<String> KEYS = List.of("jwt", "oidc-login", "mtls", "trusted-header", "step-up");
    static final List<String> JWT_KEYS = List.of("issuer", "audience", "jwks-url", "jwks-file", "algorithms",
            "clock-skew", "user-claim", "roles-claim");
    static final List<String> OIDC_KEYS = List.of("issuer", "authorization-endpoint", "token-endpoint", "jwks-url",
            "client-id", "client-secret", "redirect-uri", "cookie-secret", "cookie-name", "session-lifetime",
            "scopes", "algorithms", "user-claim", "roles-claim", "revoked-sessions-file");
    static final List<String> MTLS_KEYS = List.of("user-from");
    static final List<String> TRUSTED_HEADER_KEYS = List.of("header", "roles-header", "trusted-sources");
    static final List<String> STEP_UP_KEYS = List.of("step", "key", "max-age", "acr", "amr");

    /** Asymmetric JWS algorithms we verify: the JDK's, and EdDSA (Ed25519 keys only) through Nimbus and Tink. */
    static final List<String> ALGORITHMS = List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256",
            "ES384", "ES512", "EdDSA");
    static final int MIN_COOKIE_SECRET_BYTES = 32;
    private static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    private static final String ISSUER = "the issuer URL, exactly as tokens carry it in iss";
    private static final String CLAIM = "a claim name, like sub or preferred_username";
    private static final String HEADER = "a header name, like X-Authenticated-User";
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
    private static final Pattern CIDR = Pattern.compile("([0-9A-Fa-f:.]+)/(\\d{1,3})");

    private static final String FILE = "a file path, like var/state/revoked-sessions";

    private final ScalarReader reader;
    private final Path baseDir;

    /** @param baseDir the directory relative paths resolve against (the config file's) */
    AuthenticationBinder(ScalarReader reader, Path baseDir) {
        this.reader = reader;
        this.baseDir = baseDir;
    }

    AuthenticationConfig bind(MappingView top) {
        MappingView view = top.optionalMapping("authentication", KEYS);
        if (view == null) {
            return AuthenticationConfig.NONE;
        }
        return new AuthenticationConfig(
                Optional.ofNullable(jwt(view.optionalMapping("jwt", JWT_KEYS))),
                Optional.ofNullable(oidc(view.optionalMapping("oidc-login", OIDC_KEYS))),
                Optional.ofNullable(mtls(view.optionalMapping("mtls", MTLS_KEYS))),
                Optional.ofNullable(trustedHeader(view.optionalMapping("trusted-header", TRUSTED_HEADER_KEYS))),
                stepUp(view));
    }

    private AuthenticationConfig.Jwt jwt(MappingView view) {
        if (view == null) {
            return null;
        }
        String issuer = view.requiredString("issuer", ISSUER);
        List<String> audience = nonEmptyStrings(view, "audience", "an audience, like sealgate", true);
        Optional<URI> url = view.optional("jwks-url").map(n -> reader.httpUrl(n, view.path("jwks-url")));
        Optional<Path> file = view.optionalFile("jwks-file");
        if (view.has("jwks-url") == view.has("jwks-file")) {
            reader.problems().add(view.node(), view.path("jwks-url"), (view.has("jwks-url") ? "given with jwks-file"
                    : "missing") + " (expected: exactly one of jwks-url and jwks-file)");
        }
        List<String> algorithms = algorithms(view);
        Duration skew = view.optionalDuration("clock-skew", false, Duration.ofSeconds(60));
        if (skew.compareTo(MAX_CLOCK_SKEW) > 0) {
            reader.problems().add(view.optional("clock-skew").orElseThrow(), view.path("clock-skew"), skew.toSeconds()
                    + "s (expected: at most 5m)");
        }
        String user = view.optionalString("user-claim", CLAIM).orElse("sub");
        Optional<String> roles = view.optionalString("roles-claim", CLAIM);
        if (issuer == null || audience == null || algorithms == null || user == null
                || url.isPresent() && url.get() == null || file.isPresent() && file.get() == null) {
            return null;
        }
        return new AuthenticationConfig.Jwt(issuer.trim(), audience, url, file, algorithms, skew, user.trim(),
                roles.map(String::trim));
    }

    private AuthenticationConfig.OidcLogin oidc(MappingView view) {
        if (view == null) {
            return null;
        }
        String issuer = view.requiredString("issuer", ISSUER);
        Optional<URI> authorization = optionalUrl(view, "authorization-endpoint");
        Optional<URI> token = optionalUrl(view, "token-endpoint");
        Optional<URI> jwks = optionalUrl(view, "jwks-url");
        String clientId = view.requiredString("client-id", "the client id registered at the IdP");
        String clientSecret = view.requiredString("client-secret", "the client secret, like ${OIDC_SECRET}");
        URI redirect = reader.httpUrl(view.required("redirect-uri", ScalarReader.HTTP_URL), view.path("redirect-uri"));
        String cookieSecret = view.requiredString("cookie-secret", "at least 32 bytes, like ${SESSION_KEY}");
        if (cookieSecret != null && cookieSecret.getBytes(StandardCharsets.UTF_8).length < MIN_COOKIE_SECRET_BYTES) {
            // Never the secret itself: only its length.
            reader.problems().add(view.optional("cookie-secret").orElseThrow(), view.path("cookie-secret"),
                    "too short, " + cookieSecret.getBytes(StandardCharsets.UTF_8).length + " bytes (expected: at "
                            + "least " + MIN_COOKIE_SECRET_BYTES + " bytes, like ${SESSION_KEY})");
            cookieSecret = null;
        }
        Duration lifetime = view.optionalDuration("session-lifetime", true, Duration.ofHours(8));
        String cookieName = view.optionalString("cookie-name", "a cookie name")
                .orElse(AuthenticationConfig.OidcLogin.DEFAULT_COOKIE_NAME);
        List<String> scopes = new ArrayList<>(List.of("openid"));
        List<String> more = reader.strings(view.optional("scopes").orElse(null), view.path("scopes"), "scope");
        if (more != null) {
            more.stream().filter(s -> !scopes.contains(s)).forEach(scopes::add);
        }
        List<String> algorithms = algorithms(view);
        String user = view.optionalString("user-claim", CLAIM).orElse("sub");
        Optional<String> roles = view.optionalString("roles-claim", CLAIM);
        Path revoked = stateFile(view, "revoked-sessions-file",
                AuthenticationConfig.OidcLogin.DEFAULT_REVOKED_SESSIONS_FILE);
        if (issuer == null || clientId == null || clientSecret == null || redirect == null || cookieSecret == null
                || algorithms == null || user == null || cookieName == null || revoked == null) {
            return null;
        }
        return new AuthenticationConfig.OidcLogin(issuer.trim(), authorization, token, jwks, clientId.trim(),
                new Secret(clientSecret), redirect, new Secret(cookieSecret), lifetime, cookieName.trim(), scopes,
                algorithms, user.trim(), roles.map(String::trim), revoked);
    }

    /**
     * A file Sealgate writes (created at start with its directory), resolved against the config's directory; it may
     * not exist yet, but must not be a directory.
     */
    private Path stateFile(MappingView view, String key, String defaultPath) {
        Node node = view.optional(key).orElse(null);
        String written = node == null ? defaultPath : reader.string(node, view.path(key), FILE);
        if (written == null) {
            return null;
        }
        Path path;
        try {
            path = baseDir.resolve(written.trim()).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            reader.problems().add(node, view.path(key), ScalarReader.describe(node) + ": not a valid path (expected: "
                    + FILE + ")");
            return null;
        }
        if (java.nio.file.Files.isDirectory(path)) {
            String where = Path.of(written.trim()).isAbsolute() ? "" : " (resolved to " + path + ")";
            reader.problems().add(node == null ? view.node() : node, view.path(key), written.trim() + where
                    + ": is a directory (expected: " + FILE + ")");
            return null;
        }
        return path;
    }

    private AuthenticationConfig.Mtls mtls(MappingView view) {
        if (view == null) {
            return null;
        }
        List<String> names = List.of(AuthenticationConfig.Mtls.UserFrom.values()).stream()
                .map(AuthenticationConfig.Mtls.UserFrom::yamlName).toList();
        Node node = view.required("user-from", Names.joinWithOr(names));
        String choice = node == null ? null : reader.choice(node, view.path("user-from"), names);
        if (choice == null) {
            return null;
        }
        return new AuthenticationConfig.Mtls(List.of(AuthenticationConfig.Mtls.UserFrom.values()).stream()
                .filter(u -> u.yamlName().equals(choice)).findFirst().orElseThrow());
    }

    private AuthenticationConfig.TrustedHeader trustedHeader(MappingView view) {
        if (view == null) {
            return null;
        }
        String header = headerName(view, view.required("header", HEADER), "header");
        Optional<String> roles = view.optional("roles-header").map(n -> headerName(view, n, "roles-header"));
        List<String> sources = nonEmptyStrings(view, "trusted-sources", "a CIDR block, like 10.0.0.0/8", true);
        if (sources != null) {
            Node list = view.optional("trusted-sources").orElseThrow();
            for (int i = 0; i < sources.size(); i++) {
                if (!isCidr(sources.get(i))) {
                    reader.problems().add(list, view.path("trusted-sources") + "[" + i + "]", sources.get(i)
                            + " (expected: a CIDR block, like 10.0.0.0/8 or ::1/128)");
                    sources = null;
                    break;
                }
            }
        }
        if (header == null || sources == null || roles.isPresent() && roles.get() == null) {
            return null;
        }
        return new AuthenticationConfig.TrustedHeader(header, roles, sources);
    }

    private List<AuthenticationConfig.StepUp> stepUp(MappingView view) {
        List<AuthenticationConfig.StepUp> rules = new ArrayList<>();
        List<Node> nodes = view.optionalList("step-up", "step-up rule");
        if (nodes == null) {
            return rules;
        }
        for (int i = 0; i < nodes.size(); i++) {
            MappingView rule = MappingView.of(nodes.get(i), view.path("step-up") + "[" + i + "]", STEP_UP_KEYS,
                    reader);
            if (rule == null) {
                continue;
            }
            Optional<String> step = rule.optionalString("step", "a process step id, like approve");
            Optional<String> key = rule.optionalString("key", SettingsBinder.KEY_LABEL);
            Optional<Duration> maxAge = rule.optional("max-age")
                    .map(n -> reader.duration(n, rule.path("max-age"), true));
            List<String> acr = reader.strings(rule.optional("acr").orElse(null), rule.path("acr"), "acr value");
            List<String> amr = reader.strings(rule.optional("amr").orElse(null), rule.path("amr"), "amr value");
            if (step.isEmpty() == key.isEmpty()) {
                reader.problems().add(rule.node(), rule.path("step"), (step.isEmpty() ? "missing" : "given with key")
                        + " (expected: exactly one of step and key)");
                continue;
            }
            if (maxAge.isEmpty() && (acr == null || acr.isEmpty()) && (amr == null || amr.isEmpty())) {
                reader.problems().add(rule.node(), rule.path("max-age"), "missing (expected: max-age, acr or amr:"
                        + " what the rule requires)");
                continue;
            }
            rules.add(new AuthenticationConfig.StepUp(step.map(String::trim), key.map(String::trim), maxAge,
                    acr == null ? List.of() : acr, amr == null ? List.of() : amr));
        }
        return rules;
    }

    private List<String> algorithms(MappingView view) {
        Node node = view.required("algorithms", "a list of JWS algorithms from " + Names.joinWithOr(ALGORITHMS));
        if (node == null) {
            return null;
        }
        List<String> values = reader.strings(node, view.path("algorithms"), "JWS algorithm");
        if (values == null) {
            return null;
        }
        if (values.isEmpty()) {
            reader.problems().add(node, view.path("algorithms"), "empty (expected: at least one of "
                    + Names.joinWithOr(ALGORITHMS) + ")");
            return null;
        }
        for (int i = 0; i < values.size(); i++) {
            if (!ALGORITHMS.contains(values.get(i))) {
                String why = Set.of("none", "HS256", "HS384", "HS512").contains(values.get(i))
                        ? " is never accepted" : "";
                reader.problems().add(node, view.path("algorithms") + "[" + i + "]", values.get(i) + why
                        + " (expected: one of " + Names.joinWithOr(ALGORITHMS) + ")");
                return null;
            }
        }
        return List.copyOf(new java.util.LinkedHashSet<>(values));
    }

    private List<String> nonEmptyStrings(MappingView view, String key, String expected, boolean listOrOne) {
        Node node = view.required(key, expected);
        if (node == null) {
            return null;
        }
        if (listOrOne && node instanceof org.yaml.snakeyaml.nodes.ScalarNode) {
            String one = reader.string(node, view.path(key), expected);
            return one == null ? null : List.of(one.trim());
        }
        List<String> values = reader.strings(node, view.path(key), expected);
        if (values != null && values.isEmpty()) {
            reader.problems().add(node, view.path(key), "empty (expected: at least one " + expected + ")");
            return null;
        }
        return values;
    }

    private Optional<URI> optionalUrl(MappingView view, String key) {
        return view.optional(key).map(n -> reader.httpUrl(n, view.path(key)));
    }

    private String headerName(MappingView view, Node node, String key) {
        String value = node == null ? null : reader.string(node, view.path(key), HEADER);
        if (value != null && !HEADER_NAME.matcher(value.trim()).matches()) {
            reader.problems().add(node, view.path(key), value + " (expected: " + HEADER + ")");
            return null;
        }
        return value == null ? null : value.trim();
    }

    /** A literal address (never a host name: no DNS at load) and a prefix length that fits it. */
    static boolean isCidr(String value) {
        var m = CIDR.matcher(value.trim());
        if (!m.matches()) {
            return false;
        }
        String address = m.group(1);
        try {
            // Literal addresses only: InetAddress.getByName does no lookup for them.
            if (!address.contains(":") && !address.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                return false;
            }
            int bits = InetAddress.getByName(address).getAddress().length * 8;
            return Integer.parseInt(m.group(2)) <= bits;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
