package io.sealgate.proxy.auth;

import io.netty.handler.codec.http.HttpHeaders;
import io.sealgate.config.AuthenticationConfig;
import io.sealgate.config.AuthenticationConfig.Source;
import io.sealgate.config.ListenerConfig;
import io.sealgate.config.RouteConfig;
import io.sealgate.config.SealgateConfig;
import io.sealgate.config.UserConfig;
import io.sealgate.policy.Identity;
import io.sealgate.proxy.actions.Authenticated;
import io.sealgate.proxy.actions.ConfiguredUsers;
import io.sealgate.proxy.actions.IdentityResolver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every identity source of a config, asked in a fixed order: client certificate ({@code mtls}), session cookie
 * ({@code oidc-session}), bearer JWT ({@code jwt}), static bearer token ({@code static-bearer}), trusted gateway header
 * ({@code trusted-header}). A route (else its listener, else the config) says which of them it accepts
 * ({@link #accepted}); only those are asked for the user. The first accepted source whose credential is valid names
 * the user; an accepted source whose credential is present but invalid ends authentication with a 401, so a bad
 * credential never falls through to a weaker source. When no accepted source has a credential but another source
 * does, the request is refused with 401 {@code source_not_accepted} naming the sources the route accepts. The user
 * named must be under {@code users:} to sign (the key mapping stays explicit there): anyone else is refused with 403
 * {@code no_key}.
 *
 * <p>Thread-safe; {@link #authenticate} does no I/O except a JWKS refetch for an unknown key id (at most once per 30
 * seconds, bounded by 2-second timeouts).
 */
public final class Authenticator implements IdentityResolver {

    private static final String REALM = "Bearer realm=\"sealgate\"";

    /** One source and the name lists use for it. */
    private record Named(Source name, IdentitySource source) {}

    private final List<Named> sources;
    private final Set<Source> configured;
    private final SealgateConfig config;
    private final String organisation;
    private final StepUpPolicy stepUp;
    private final Optional<LoginEndpoints> login;

    private Authenticator(List<Named> sources, SealgateConfig config, String organisation,
                          Optional<LoginEndpoints> login) {
        this.sources = List.copyOf(sources);
        this.configured = Source.configured(config.authentication(), config.users().values());
        this.config = config;
        this.organisation = organisation;
        this.stepUp = new StepUpPolicy(config.authentication().stepUp(), Clock.systemUTC());
        this.login = login;
    }

    /**
     * The sources {@code config} enables.
     *
     * @throws IOException when a JWKS file, a listener's client CA file or the revoked-sessions file cannot be read
     */
    public static Authenticator from(SealgateConfig config, String organisation) throws IOException {
        return from(config, organisation, Clock.systemUTC());
    }

    /**
     * {@link #from}, with a file problem as the signing routes' exception (the one place the signing routes build
     * their {@link IdentityResolver}).
     */
    public static Authenticator forSigning(SealgateConfig config, String organisation)
            throws io.sealgate.signing.SigningException {
        try {
            return from(config, organisation);
        } catch (IOException e) {
            throw new io.sealgate.signing.SigningException("authentication: " + e.getMessage(), e);
        }
    }

    static Authenticator from(SealgateConfig config, String organisation, Clock clock) throws IOException {
        AuthenticationConfig auth = config.authentication();
        List<Named> sources = new ArrayList<>();
        if (auth.mtls().isPresent()) {
            sources.add(new Named(Source.MTLS, new ClientCertificateSource(auth.mtls().get().userFrom(),
                    clientCas(config))));
        }
        Optional<LoginEndpoints> login = Optional.empty();
        if (auth.oidcLogin().isPresent()) {
            LoginEndpoints endpoints = clock.equals(Clock.systemUTC()) ? LoginEndpoints.of(config).orElseThrow()
                    : new LoginEndpoints(auth.oidcLogin().get(), config.reservedPrefix(), clock);
            sources.add(new Named(Source.OIDC_SESSION, endpoints.sessionSource()));
            login = Optional.of(endpoints);
        }
        if (auth.jwt().isPresent()) {
            AuthenticationConfig.Jwt j = auth.jwt().get();
            var keys = j.jwksUrl().isPresent() ? JwtVerifier.remoteKeys(j.jwksUrl().get())
                    : JwtVerifier.fileKeys(j.jwksFile().orElseThrow());
            if (j.jwksUrl().isPresent()) {
                JwtVerifier.prefetch(keys);
            }
            sources.add(new Named(Source.JWT, BearerSource.jwt(new JwtVerifier(j.issuer(), j.audience(),
                    j.algorithms(), keys, j.clockSkew(), clock), j.userClaim(), j.rolesClaim())));
        }
        // Always present, tokens or not: a bearer token nobody else takes is never mistaken for no credential.
        sources.add(new Named(Source.STATIC_BEARER, BearerSource.staticTokens(new ConfiguredUsers(config,
                organisation), auth.jwt().isPresent())));
        auth.trustedHeader().ifPresent(t -> sources.add(new Named(Source.TRUSTED_HEADER, new TrustedHeaderSource(
                t.header(), t.rolesHeader(), t.trustedSources()))));
        return new Authenticator(sources, config, organisation, login);
    }

    /**
     * The sources a request on {@code route}, received by {@code listener}, may authenticate with: the route's
     * {@code authentication:} list, else the listener's, else every configured source.
     */
    public Set<Source> accepted(RouteConfig route, Optional<ListenerConfig> listener) {
        return route.authentication()
                .or(() -> listener.flatMap(ListenerConfig::authentication))
                .orElse(configured);
    }

    /** Who sent {@code request}, by any configured source, or why it is refused. */
    public Decision authenticate(AuthRequest request) {
        return authenticate(request, configured);
    }

    /** Who sent {@code request}, by one of the {@code accepted} sources, or why it is refused. */
    public Decision authenticate(AuthRequest request, Set<Source> accepted) {
        for (Named named : sources) {
            if (!accepted.contains(named.name())) {
                continue;
            }
            AuthOutcome outcome = named.source().authenticate(request);
            if (outcome instanceof AuthOutcome.Refused refused) {
                return new Decision.Denied(401, refused.code(), refused.message(),
                        Optional.of(challenge(accepted, Optional.of(refused.code()), true)));
            }
            if (outcome instanceof AuthOutcome.Accepted a) {
                return known(a.login());
            }
        }
        // No accepted source has a credential. A credential of another source is not ignored silently: the client
        // is told this route wants another kind.
        for (Named named : sources) {
            if (!accepted.contains(named.name())
                    && !(named.source().authenticate(request) instanceof AuthOutcome.Absent)) {
                boolean bearer = named.name() == Source.JWT || named.name() == Source.STATIC_BEARER;
                return new Decision.Denied(401, "source_not_accepted", "this route does not accept "
                        + credential(named.name()) + "; it accepts " + names(accepted) + " (expected: "
                        + ways(accepted) + ")", Optional.of(challenge(accepted, Optional.of("source_not_accepted"),
                        bearer)));
            }
        }
        return new Decision.Denied(401, "unauthenticated", "this route signs as you: authenticate (expected: "
                + ways(accepted) + ")", Optional.of(challenge(accepted, Optional.empty(), false)));
    }

    /**
     * {@link IdentityResolver} for callers that have only the headers: no peer address (so no trusted header is
     * believed) and no client certificate. Empty for every refusal.
     */
    @Override
    public Optional<Authenticated> resolve(HttpHeaders headers) {
        return authenticate(AuthRequest.of(headers)) instanceof Decision.Allowed allowed
                ? Optional.of(allowed.user()) : Optional.empty();
    }

    /** The step-up rules of {@code authentication.step-up}. */
    public StepUpPolicy stepUp() {
        return stepUp;
    }

    /** The browser login endpoints, when {@code authentication.oidc-login} is configured. */
    public Optional<LoginEndpoints> loginEndpoints() {
        return login;
    }

    /** What to remove from requests before they go upstream. */
    public UpstreamCredentials upstreamCredentials() {
        return UpstreamCredentials.of(config.authentication());
    }

    private Decision known(Login login) {
        UserConfig user = config.users().get(login.userId());
        if (user == null) {
            return new Decision.Denied(403, "no_key", "user " + login.userId() + " (authenticated by "
                    + login.source() + ") is not under users:, so has no signing key (expected: a users: entry "
                    + "naming their key)", Optional.empty());
        }
        Set<String> roles = new LinkedHashSet<>(user.roles());
        roles.addAll(login.roles());
        Identity identity = new Identity(user.id(), roles, organisation);
        return new Decision.Allowed(new Authenticated(identity, login.logEntry(), login.authorizationConsumed()),
                login);
    }

    /**
     * RFC 9110 wants a challenge with every 401. A route that takes bearer tokens answers RFC 6750's
     * {@code Bearer}, with {@code error="invalid_token"} when a credential was refused and the client may have sent
     * a token ({@code tokenSent}); one that takes none names its sources, its login and the error code in
     * Sealgate's own scheme, since neither cookies nor client certificates have a standard one.
     */
    private String challenge(Set<Source> accepted, Optional<String> error, boolean tokenSent) {
        if (accepted.contains(Source.JWT) || accepted.contains(Source.STATIC_BEARER)) {
            return REALM + (error.isPresent() && tokenSent ? ", error=\"invalid_token\"" : "");
        }
        StringBuilder b = new StringBuilder("Sealgate realm=\"sealgate\", sources=\"")
                .append(String.join(" ", sorted(accepted).stream().map(Source::yamlName).toList())).append('"');
        if (accepted.contains(Source.OIDC_SESSION)) {
            b.append(", login=\"").append(config.reservedPrefix()).append(LoginEndpoints.LOGIN).append('"');
        }
        error.ifPresent(e -> b.append(", error=\"").append(e).append('"'));
        return b.toString();
    }

    private String ways(Set<Source> accepted) {
        List<String> ways = new ArrayList<>();
        AuthenticationConfig auth = config.authentication();
        for (Source source : sorted(accepted)) {
            switch (source) {
                case MTLS -> ways.add("a client certificate");
                case OIDC_SESSION -> ways.add("a session from " + config.reservedPrefix() + LoginEndpoints.LOGIN);
                case JWT -> auth.jwt().ifPresent(j -> ways.add("Authorization: Bearer <a JWT from " + j.issuer()
                        + ">"));
                case STATIC_BEARER -> ways.add("Authorization: Bearer <your token>");
                case TRUSTED_HEADER -> auth.trustedHeader().ifPresent(t -> ways.add(t.header()
                        + " from a trusted gateway"));
            }
        }
        return ways.isEmpty() ? "an identity source under authentication:" : String.join(" or ", ways);
    }

    private static String credential(Source source) {
        return switch (source) {
            case MTLS -> "client certificates (mtls)";
            case OIDC_SESSION -> "session cookies (oidc-session)";
            case JWT -> "bearer JWTs (jwt)";
            case STATIC_BEARER -> "static bearer tokens (static-bearer)";
            case TRUSTED_HEADER -> "gateway headers (trusted-header)";
        };
    }

    private static String names(Set<Source> accepted) {
        List<String> names = sorted(accepted).stream().map(Source::yamlName).toList();
        return names.isEmpty() ? "no source" : String.join(", ", names.subList(0, names.size() - 1))
                + (names.size() > 1 ? " and " : "") + names.get(names.size() - 1);
    }

    private static List<Source> sorted(Set<Source> sources) {
        return List.copyOf(sources.isEmpty() ? EnumSet.noneOf(Source.class) : EnumSet.copyOf(sources));
    }

    private static List<X509Certificate> clientCas(SealgateConfig config) throws IOException {
        List<X509Certificate> cas = new ArrayList<>();
        for (ListenerConfig listener : config.listeners()) {
            Optional<Path> ca = listener.tls().flatMap(ListenerConfig.Tls::clientCa);
            if (ca.isPresent()) {
                try (InputStream in = Files.newInputStream(ca.get())) {
                    CertificateFactory.getInstance("X.509").generateCertificates(in)
                            .forEach(c -> cas.add((X509Certificate) c));
                } catch (CertificateException e) {
                    throw new IOException("client-ca: " + ca.get() + ": " + e.getMessage(), e);
                }
            }
        }
        return cas;
    }
}
