package io.sealgate.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code authentication:} section: which identity sources the proxy accepts besides the static bearer tokens of
 * {@code users:}, and which signatures need a fresh or stronger login (step-up). Every source is optional; several may
 * be enabled at once. Which user signs with which key stays in {@code users:}: a source only names a user.
 *
 * @param jwt           OIDC/JWT bearer access tokens; empty when not accepted
 * @param oidcLogin     browser login through the proxy (authorization code with PKCE) and its session cookie
 * @param mtls          client certificates verified by a listener's {@code tls.client-ca}
 * @param trustedHeader a user header set by an authenticating gateway in front of Sealgate
 * @param stepUp        per process step or key: how fresh or strong the login must be, in declaration order
 */
public record AuthenticationConfig(Optional<Jwt> jwt, Optional<OidcLogin> oidcLogin, Optional<Mtls> mtls,
                                   Optional<TrustedHeader> trustedHeader, List<StepUp> stepUp) {

    /** No source but the static bearer tokens. */
    public static final AuthenticationConfig NONE = new AuthenticationConfig(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), List.of());

    public AuthenticationConfig {
        Objects.requireNonNull(jwt, "jwt");
        Objects.requireNonNull(oidcLogin, "oidcLogin");
        Objects.requireNonNull(mtls, "mtls");
        Objects.requireNonNull(trustedHeader, "trustedHeader");
        stepUp = List.copyOf(stepUp);
    }

    /**
     * An identity source, by the name the signature log records for it ({@code source}) and a listener's or route's
     * {@code authentication:} list uses.
     */
    public enum Source {
        /** A client certificate on a listener with {@code tls.client-ca} ({@code authentication.mtls}). */
        MTLS("mtls"),
        /** The browser session cookie of {@code authentication.oidc-login}. */
        OIDC_SESSION("oidc-session"),
        /** A bearer JWT ({@code authentication.jwt}). */
        JWT("jwt"),
        /** A static bearer token of {@code users.<id>.token}. */
        STATIC_BEARER("static-bearer"),
        /** The gateway header of {@code authentication.trusted-header}. */
        TRUSTED_HEADER("trusted-header");

        private final String yamlName;

        Source(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }

        /** Every name, in the order a request's credentials are examined. */
        public static List<String> yamlNames() {
            return java.util.Arrays.stream(values()).map(Source::yamlName).toList();
        }

        public static Optional<Source> fromYaml(String name) {
            return java.util.Arrays.stream(values()).filter(s -> s.yamlName.equals(name)).findFirst();
        }

        /**
         * The sources {@code config} sets up: its {@code authentication:} sections, and {@code static-bearer} when a
         * user under {@code users:} has a token. A listener or route without an {@code authentication:} list
         * accepts all of them.
         */
        public static java.util.Set<Source> configured(AuthenticationConfig auth,
                                                       java.util.Collection<UserConfig> users) {
            java.util.Set<Source> sources = java.util.EnumSet.noneOf(Source.class);
            auth.mtls().ifPresent(m -> sources.add(MTLS));
            auth.oidcLogin().ifPresent(o -> sources.add(OIDC_SESSION));
            auth.jwt().ifPresent(j -> sources.add(JWT));
            if (users.stream().anyMatch(u -> u.token().isPresent())) {
                sources.add(STATIC_BEARER);
            }
            auth.trustedHeader().ifPresent(t -> sources.add(TRUSTED_HEADER));
            return java.util.Collections.unmodifiableSet(sources);
        }
    }

    /**
     * How bearer JWTs are checked. Exactly one of {@code jwksUrl} and {@code jwksFile} is present.
     *
     * @param issuer     the required {@code iss}
     * @param audience   accepted {@code aud} values; a token must name at least one
     * @param jwksUrl    where the issuer's public keys are fetched (cached, refetched for an unknown kid)
     * @param jwksFile   a local JWK set instead
     * @param algorithms the only JWS algorithms accepted (asymmetric only: RS256, PS256, ES256, ...)
     * @param clockSkew  tolerance for exp, nbf and iat
     * @param userClaim  the claim naming the user (e.g. {@code sub}, {@code preferred_username})
     * @param rolesClaim the claim listing roles (e.g. {@code groups}); empty when roles come from {@code users:} only
     */
    public record Jwt(String issuer, List<String> audience, Optional<URI> jwksUrl, Optional<Path> jwksFile,
                      List<String> algorithms, Duration clockSkew, String userClaim, Optional<String> rolesClaim) {
        public Jwt {
            Objects.requireNonNull(issuer, "issuer");
            audience = List.copyOf(audience);
            Objects.requireNonNull(jwksUrl, "jwksUrl");
            Objects.requireNonNull(jwksFile, "jwksFile");
            algorithms = List.copyOf(algorithms);
            Objects.requireNonNull(clockSkew, "clockSkew");
            Objects.requireNonNull(userClaim, "userClaim");
            Objects.requireNonNull(rolesClaim, "rolesClaim");
        }
    }

    /**
     * Browser login: the proxy is an OIDC client (authorization code flow with PKCE S256, state and nonce) and keeps
     * the login in an AES-GCM sealed cookie.
     *
     * @param issuer                the IdP's issuer; its discovery document fills the endpoints not given here
     * @param authorizationEndpoint where browsers are sent to log in
     * @param tokenEndpoint         where the code is exchanged
     * @param jwksUrl               the IdP's keys for the ID token
     * @param clientId              the proxy's client id at the IdP
     * @param clientSecret          the proxy's client secret (sent with HTTP basic authentication)
     * @param redirectUri           {@code https://<host>/<reserved-prefix>auth/callback}, as registered at the IdP
     * @param cookieSecret          at least 32 bytes; the session cookie's AES-256-GCM key is derived from it
     * @param sessionLifetime       how long a session cookie is accepted after login
     * @param cookieName            the session cookie's name
     * @param scopes                requested scopes; always includes {@code openid}
     * @param algorithms            JWS algorithms accepted for the ID token
     * @param userClaim             the ID token claim naming the user
     * @param rolesClaim            the ID token claim listing roles
     * @param revokedSessionsFile   where logouts are kept across restarts (append-only, fsynced before a logout is
     *                              answered)
     */
    public record OidcLogin(String issuer, Optional<URI> authorizationEndpoint, Optional<URI> tokenEndpoint,
                            Optional<URI> jwksUrl, String clientId, Secret clientSecret, URI redirectUri,
                            Secret cookieSecret, Duration sessionLifetime, String cookieName, List<String> scopes,
                            List<String> algorithms, String userClaim, Optional<String> rolesClaim,
                            Path revokedSessionsFile) {
        /** {@code revoked-sessions-file} unless set: relative to the config file's directory. */
        public static final String DEFAULT_REVOKED_SESSIONS_FILE = "var/state/revoked-sessions";
        public static final String DEFAULT_COOKIE_NAME = "__Host-sealgate-session";

        public OidcLogin {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(authorizationEndpoint, "authorizationEndpoint");
            Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
            Objects.requireNonNull(jwksUrl, "jwksUrl");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientSecret, "clientSecret");
            Objects.requireNonNull(redirectUri, "redirectUri");
            Objects.requireNonNull(cookieSecret, "cookieSecret");
            Objects.requireNonNull(sessionLifetime, "sessionLifetime");
            Objects.requireNonNull(cookieName, "cookieName");
            scopes = List.copyOf(scopes);
            algorithms = List.copyOf(algorithms);
            Objects.requireNonNull(userClaim, "userClaim");
            Objects.requireNonNull(rolesClaim, "rolesClaim");
            Objects.requireNonNull(revokedSessionsFile, "revokedSessionsFile");
        }

        @Override
        public String toString() {
            return "OidcLogin[issuer=" + issuer + ", clientId=" + clientId + ", redirectUri=" + redirectUri + "]";
        }
    }

    /** Client certificates: which field of the verified certificate names the user. */
    public record Mtls(UserFrom userFrom) {
        public Mtls {
            Objects.requireNonNull(userFrom, "userFrom");
        }

        /** The certificate field that names the user. */
        public enum UserFrom {
            SUBJECT_CN("subject-cn"), SUBJECT_UID("subject-uid"), SAN_EMAIL("san-email"), SAN_URI("san-uri");

            private final String yamlName;

            UserFrom(String yamlName) {
                this.yamlName = yamlName;
            }

            public String yamlName() {
                return yamlName;
            }
        }
    }

    /**
     * A header set by an authenticating gateway; believed only from {@code trustedSources}, removed from every
     * request before it goes upstream.
     *
     * @param header         the header naming the user
     * @param rolesHeader    a header listing roles, comma-separated
     * @param trustedSources CIDR blocks (e.g. {@code 10.0.0.0/8}, {@code ::1/128}) of the gateway
     */
    public record TrustedHeader(String header, Optional<String> rolesHeader, List<String> trustedSources) {
        public TrustedHeader {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(rolesHeader, "rolesHeader");
            trustedSources = List.copyOf(trustedSources);
        }
    }

    /**
     * A step-up rule: signing the named step (or with the named key) needs a login no older than {@code maxAge}
     * and, when listed, one of the {@code acr} values and every one of the {@code amr} values.
     */
    public record StepUp(Optional<String> step, Optional<String> key, Optional<Duration> maxAge, List<String> acr,
                         List<String> amr) {
        public StepUp {
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(maxAge, "maxAge");
            acr = List.copyOf(acr);
            amr = List.copyOf(amr);
        }
    }
}
