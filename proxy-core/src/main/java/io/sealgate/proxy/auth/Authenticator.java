package io.sealgate.proxy.auth;

import io.netty.handler.codec.http.HttpHeaders;
import io.sealgate.config.AuthenticationConfig;
import io.sealgate.config.ListenerConfig;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every identity source of a config, asked in a fixed order: client certificate, session cookie, bearer token (JWT or
 * static), trusted gateway header. The first source whose credential is valid names the user; a source whose
 * credential is present but invalid ends authentication with a 401, so a bad credential never falls through to a
 * weaker source. The user named must be under {@code users:} to sign (the key mapping stays explicit there): anyone
 * else is refused with 403 {@code no_key}.
 *
 * <p>Thread-safe; {@link #authenticate} does no I/O except a JWKS refetch for an unknown key id (at most once per 30
 * seconds, bounded by 2-second timeouts).
 */
public final class Authenticator implements IdentityResolver {

    private static final String REALM = "Bearer realm=\"sealgate\"";

    private final List<IdentitySource> sources;
    private final SealgateConfig config;
    private final String organisation;
    private final StepUpPolicy stepUp;
    private final Optional<LoginEndpoints> login;

    private Authenticator(List<IdentitySource> sources, SealgateConfig config, String organisation,
                          Optional<LoginEndpoints> login) {
        this.sources = List.copyOf(sources);
        this.config = config;
        this.organisation = organisation;
        this.stepUp = new StepUpPolicy(config.authentication().stepUp(), Clock.systemUTC());
        this.login = login;
    }

    /**
     * The sources {@code config} enables.
     *
     * @throws IOException when a JWKS file or a listener's client CA file cannot be read
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
        List<IdentitySource> sources = new ArrayList<>();
        if (auth.mtls().isPresent()) {
            sources.add(new ClientCertificateSource(auth.mtls().get().userFrom(), clientCas(config)));
        }
        Optional<LoginEndpoints> login = Optional.empty();
        if (auth.oidcLogin().isPresent()) {
            LoginEndpoints endpoints = clock.equals(Clock.systemUTC()) ? LoginEndpoints.of(config).orElseThrow()
                    : new LoginEndpoints(auth.oidcLogin().get(), config.reservedPrefix(), clock);
            sources.add(endpoints.sessionSource());
            login = Optional.of(endpoints);
        }
        Optional<JwtVerifier> jwt = Optional.empty();
        if (auth.jwt().isPresent()) {
            AuthenticationConfig.Jwt j = auth.jwt().get();
            var keys = j.jwksUrl().isPresent() ? JwtVerifier.remoteKeys(j.jwksUrl().get())
                    : JwtVerifier.fileKeys(j.jwksFile().orElseThrow());
            if (j.jwksUrl().isPresent()) {
                JwtVerifier.prefetch(keys);
            }
            jwt = Optional.of(new JwtVerifier(j.issuer(), j.audience(), j.algorithms(), keys, j.clockSkew(), clock));
        }
        sources.add(new BearerSource(jwt, auth.jwt().map(AuthenticationConfig.Jwt::userClaim).orElse("sub"),
                auth.jwt().flatMap(AuthenticationConfig.Jwt::rolesClaim), new ConfiguredUsers(config, organisation)));
        auth.trustedHeader().ifPresent(t -> sources.add(new TrustedHeaderSource(t.header(), t.rolesHeader(),
                t.trustedSources())));
        return new Authenticator(sources, config, organisation, login);
    }

    /** Who sent {@code request}, or why it is refused. */
    public Decision authenticate(AuthRequest request) {
        for (IdentitySource source : sources) {
            AuthOutcome outcome = source.authenticate(request);
            if (outcome instanceof AuthOutcome.Refused refused) {
                String challenge = REALM + ", error=\"invalid_token\"";
                return new Decision.Denied(401, refused.code(), refused.message(), Optional.of(challenge));
            }
            if (outcome instanceof AuthOutcome.Accepted accepted) {
                return known(accepted.login());
            }
        }
        return new Decision.Denied(401, "unauthenticated", "this route signs as you: authenticate (expected: "
                + ways() + ")", Optional.of(REALM));
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

    private String ways() {
        List<String> ways = new ArrayList<>();
        AuthenticationConfig auth = config.authentication();
        auth.mtls().ifPresent(m -> ways.add("a client certificate"));
        auth.oidcLogin().ifPresent(o -> ways.add("a session from " + config.reservedPrefix() + "auth/login"));
        auth.jwt().ifPresent(j -> ways.add("Authorization: Bearer <a JWT from " + j.issuer() + ">"));
        if (!config.users().isEmpty()) {
            ways.add("Authorization: Bearer <your token>");
        }
        return ways.isEmpty() ? "an identity source under authentication:" : String.join(" or ", ways);
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
