package io.sealgate.proxy.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.sealgate.config.AuthenticationConfig.OidcLogin;
import io.sealgate.config.SealgateConfig;
import io.sealgate.proxy.internal.ActionExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The browser login under the reserved prefix, as an OIDC client (authorization code flow, PKCE S256, state, nonce):
 * <ul>
 *   <li>{@code GET auth/login?return_to=/path}: remembers state, nonce and the PKCE verifier in a sealed, short-lived
 *       login cookie and redirects to the IdP ({@code login_hint}, {@code max_age}, {@code acr_values} and
 *       {@code prompt} are passed on, so a step-up challenge can be answered);</li>
 *   <li>{@code GET auth/callback?code=...&state=...}: checks state, exchanges the code with the verifier, verifies
 *       the ID token (issuer, audience = client id, signature, times, nonce), sets the session cookie (AES-GCM
 *       sealed, HttpOnly, Secure, SameSite=Lax) and redirects back;</li>
 *   <li>{@code GET|POST auth/logout}: puts the session on the revocation list (on disk before the answer), clears
 *       the cookie, redirects to /.</li>
 * </ul>
 * Transport-free: {@link #handle} answers a {@link Reply} asynchronously (IdP calls go over the JDK HTTP client,
 * never blocking the caller's thread); the reserved-endpoint dispatcher turns it into a response.
 */
public final class LoginEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(LoginEndpoints.class);
    public static final String LOGIN = "auth/login";
    public static final String CALLBACK = "auth/callback";
    public static final String LOGOUT = "auth/logout";
    private static final long LOGIN_COOKIE_SECONDS = 600;
    private static final Pattern SAFE_PARAM = Pattern.compile("[A-Za-z0-9 ._@:+-]{1,256}");
    private static final List<String> PASSED_ON = List.of("login_hint", "max_age", "acr_values", "prompt");

    private final OidcLogin config;
    private final String prefix;
    private final Clock clock;
    private final SessionCodec codec;
    private final SessionCodec loginCodec;
    private final RevokedSessions revoked;
    private final SessionSource sessions;
    private final OidcClient idp;
    private final SecureRandom random = new SecureRandom();

    /** What the login cookie holds between the redirect to the IdP and the callback. */
    record LoginState(String state, String nonce, String verifier, String returnTo, long expiresAt) {}

    /** An answer: a redirect, or a refusal as Sealgate's JSON error; both may set cookies. */
    public sealed interface Reply {
        List<String> setCookies();

        /** 303 See Other to {@code location}. */
        record Redirect(String location, List<String> setCookies) implements Reply {}

        /** An error answer: {@code {"error": code, "message": message}} with {@code status}. */
        record Failure(int status, String code, String message, List<String> setCookies) implements Reply {}

        /** The response headers: Location (for a redirect), Set-Cookie, and no caching. */
        default HttpHeaders headers() {
            HttpHeaders headers = new DefaultHttpHeaders();
            if (this instanceof Redirect r) {
                headers.set(HttpHeaderNames.LOCATION, r.location());
            }
            setCookies().forEach(c -> headers.add(HttpHeaderNames.SET_COOKIE, c));
            headers.set(HttpHeaderNames.CACHE_CONTROL, "no-store");
            return headers;
        }
    }

    /** One instance per loaded config, so the reserved endpoints and the signing routes share one revocation list. */
    private static final Map<SealgateConfig, LoginEndpoints> SHARED =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /**
     * The login endpoints of {@code config}, or empty when it has no {@code authentication.oidc-login}. The same
     * instance for the same config: its session cookies and the logout list must be shared by every user of it.
     */
    public static Optional<LoginEndpoints> of(SealgateConfig config) throws IOException {
        if (config.authentication().oidcLogin().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(SHARED.computeIfAbsent(config, c -> {
                try {
                    return new LoginEndpoints(c.authentication().oidcLogin().orElseThrow(), c.reservedPrefix(),
                            Clock.systemUTC());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Opens the login endpoints of {@code config} afresh (reading the revoked-sessions file now) and makes them the
     * ones {@link #of} answers for it: a server start, which must not inherit the memory of an earlier server with an
     * equal config.
     *
     * @throws IOException when the revoked-sessions file cannot be read, written or parsed
     */
    public static Optional<LoginEndpoints> open(SealgateConfig config) throws IOException {
        if (config.authentication().oidcLogin().isEmpty()) {
            return Optional.empty();
        }
        LoginEndpoints endpoints = new LoginEndpoints(config.authentication().oidcLogin().get(),
                config.reservedPrefix(), Clock.systemUTC());
        SHARED.put(config, endpoints);
        return Optional.of(endpoints);
    }

    /**
     * {@link #of}, for callers that run after the proxy started (which opened the endpoints, so this never fails
     * then).
     */
    public static Optional<LoginEndpoints> opened(SealgateConfig config) {
        try {
            return of(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws IOException when the revoked-sessions file cannot be read, written or parsed */
    LoginEndpoints(OidcLogin config, String prefix, Clock clock) throws IOException {
        this.config = config;
        this.prefix = prefix;
        this.clock = clock;
        byte[] secret = config.cookieSecret().reveal().getBytes(StandardCharsets.UTF_8);
        this.codec = new SessionCodec(secret, config.cookieName());
        this.loginCodec = new SessionCodec(secret, loginCookieName(config.cookieName()));
        this.revoked = RevokedSessions.open(config.revokedSessionsFile(), clock);
        this.sessions = new SessionSource(config.cookieName(), codec, revoked, clock, prefix + LOGIN);
        this.idp = new OidcClient(config, clock);
    }

    /** The login cookie's name: a sibling of the session cookie's. */
    static String loginCookieName(String sessionCookieName) {
        return sessionCookieName.startsWith("__Host-") ? "__Host-sealgate-login" : sessionCookieName + "-login";
    }

    /** Whether {@code name} (the path after the reserved prefix) is one of these endpoints. */
    public static boolean owns(String name) {
        return name.equals(LOGIN) || name.equals(CALLBACK) || name.equals(LOGOUT);
    }

    /**
     * Answers an exchange the reserved-endpoint dispatcher took over for {@code name} ({@link #owns}); never blocks
     * the calling event loop.
     */
    public void start(ActionExchange exchange, String name) {
        handle(exchange.method().name(), name, exchange.rawTarget(), exchange.requestHeaders())
                .thenAccept(reply -> {
                    if (reply instanceof Reply.Failure f) {
                        exchange.respondError(HttpResponseStatus.valueOf(f.status()), f.code(), f.message(),
                                f.headers());
                    } else {
                        exchange.respond(303, reply.headers(), new byte[0]);
                    }
                });
    }

    SessionSource sessionSource() {
        return sessions;
    }

    /**
     * Answers {@code method rawTarget} for endpoint {@code name}; the future never fails (every problem is a
     * {@link Reply.Failure}).
     */
    public CompletableFuture<Reply> handle(String method, String name, String rawTarget, HttpHeaders headers) {
        boolean get = method.equals("GET") || method.equals("HEAD");
        QueryStringDecoder query = new QueryStringDecoder(rawTarget);
        try {
            if (name.equals(LOGIN) && get) {
                return login(query.parameters());
            }
            if (name.equals(CALLBACK) && get) {
                return callback(query.parameters(), headers);
            }
            if (name.equals(LOGOUT) && (get || method.equals("POST"))) {
                return logout(headers);
            }
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(new Reply.Failure(500, "internal_error", "login: "
                    + e.getMessage(), List.of()));
        }
        return CompletableFuture.completedFuture(new Reply.Failure(405, "method_not_allowed", "method: " + method
                + " (expected: GET for " + name + (name.equals(LOGOUT) ? " or POST" : "") + ")", List.of()));
    }

    private CompletableFuture<Reply> login(Map<String, List<String>> params) {
        LoginState state = new LoginState(randomToken(), randomToken(), randomToken() + randomToken(),
                returnTo(first(params, "return_to")), clock.instant().getEpochSecond() + LOGIN_COOKIE_SECONDS);
        StringBuilder extra = new StringBuilder();
        for (String name : PASSED_ON) {
            first(params, name).filter(v -> SAFE_PARAM.matcher(v).matches())
                    .ifPresent(v -> extra.append('&').append(name).append('=').append(OidcClient.form(v)));
        }
        String cookie = cookie(loginCookieName(config.cookieName()), loginCodec.seal(state), LOGIN_COOKIE_SECONDS);
        return idp.authorizationUrl(state.state(), state.nonce(), OidcClient.challenge(state.verifier()),
                        extra.toString())
                .<Reply>thenApply(url -> new Reply.Redirect(url, List.of(cookie)))
                .exceptionally(e -> idpFailed(e));
    }

    private CompletableFuture<Reply> callback(Map<String, List<String>> params, HttpHeaders headers) {
        String loginCookie = loginCookieName(config.cookieName());
        List<String> clear = List.of(cookie(loginCookie, "", 0));
        String again = "; start again at " + prefix + LOGIN;
        Optional<LoginState> state = cookieValue(headers, loginCookie)
                .flatMap(v -> loginCodec.open(v, LoginState.class))
                .filter(s -> s.expiresAt() >= clock.instant().getEpochSecond());
        if (state.isEmpty()) {
            return done(new Reply.Failure(400, "login_failed", "login: no login in progress in this browser (the "
                    + "login cookie is missing, expired or altered)" + again, clear));
        }
        if (!first(params, "state").equals(Optional.of(state.get().state()))) {
            return done(new Reply.Failure(400, "login_failed", "login: the state parameter does not match this "
                    + "browser's login" + again, clear));
        }
        Optional<String> error = first(params, "error");
        if (error.isPresent()) {
            String code = error.get().replaceAll("[^A-Za-z0-9_]", "");
            return done(new Reply.Failure(401, "login_failed", "login: the identity provider answered " + code
                    + again, clear));
        }
        Optional<String> code = first(params, "code");
        if (code.isEmpty()) {
            return done(new Reply.Failure(400, "login_failed", "login: no code parameter" + again, clear));
        }
        LoginState s = state.get();
        return idp.exchange(code.get(), s.verifier()).<Reply>thenApply(claims -> session(claims, s, clear))
                .exceptionally(e -> {
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    if (cause instanceof JwtVerifier.InvalidTokenException invalid) {
                        return new Reply.Failure(401, "invalid_token", "login: ID token: " + invalid.getMessage(),
                                clear);
                    }
                    return idpFailed(cause);
                });
    }

    private Reply session(JWTClaimsSet claims, LoginState state, List<String> clear) {
        if (!state.nonce().equals(claims.getClaim("nonce"))) {
            return new Reply.Failure(401, "invalid_token", "login: ID token: nonce does not match this login",
                    clear);
        }
        Optional<Login> login = Claims.login(claims, config.userClaim(), config.rolesClaim(), SessionSource.SOURCE,
                false);
        if (login.isEmpty()) {
            return new Reply.Failure(401, "invalid_token", "login: ID token: no " + config.userClaim() + " claim "
                    + "(expected: the claim naming the user, authentication.oidc-login.user-claim)", clear);
        }
        Login l = login.get();
        long now = clock.instant().getEpochSecond();
        long lifetime = config.sessionLifetime().toSeconds();
        SessionCodec.Session session = new SessionCodec.Session(randomToken(), l.userId(), List.copyOf(l.roles()),
                now, now + lifetime, l.authTime().map(Instant::getEpochSecond).orElse(null), l.acr().orElse(null),
                l.amr());
        return new Reply.Redirect(state.returnTo(), List.of(cookie(config.cookieName(), codec.seal(session),
                lifetime), clear.get(0)));
    }

    /** Answers once the logout is on disk; a logout that cannot be recorded is a 503, so nobody believes it. */
    private CompletableFuture<Reply> logout(HttpHeaders headers) {
        List<String> clear = List.of(cookie(config.cookieName(), "", 0));
        Optional<SessionCodec.Session> session = sessions.session(AuthRequest.of(headers));
        if (session.isEmpty()) {
            return done(new Reply.Redirect("/", clear));
        }
        return revoked.revoke(session.get().sid(), session.get().expiresAt())
                .<Reply>thenApply(written -> new Reply.Redirect("/", clear))
                .exceptionally(e -> {
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    LOG.error("logout: cannot record the logout in {}", config.revokedSessionsFile(), cause);
                    return new Reply.Failure(503, "logout_failed", "logout: could not be recorded ("
                            + cause.getMessage() + "); try again", clear);
                });
    }

    private static Reply idpFailed(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return new Reply.Failure(502, "idp_failed", "login: the identity provider cannot be used: "
                + cause.getMessage(), List.of());
    }

    private static CompletableFuture<Reply> done(Reply reply) {
        return CompletableFuture.completedFuture(reply);
    }

    /** {@code name=value} with the attributes every Sealgate cookie carries; max-age 0 deletes it. */
    static String cookie(String name, String value, long maxAgeSeconds) {
        return name + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; Secure; SameSite=Lax";
    }

    /** Only a local path: an absolute or scheme-relative URL would make the login an open redirector. */
    static String returnTo(Optional<String> value) {
        String v = value.orElse("/");
        boolean local = v.startsWith("/") && !v.startsWith("//") && !v.startsWith("/\\")
                && v.chars().noneMatch(c -> c < 0x21 || c == 0x7f || c == '\\');
        return local ? v : "/";
    }

    private static Optional<String> cookieValue(HttpHeaders headers, String name) {
        for (String header : headers.getAll(HttpHeaderNames.COOKIE)) {
            for (var c : io.netty.handler.codec.http.cookie.ServerCookieDecoder.LAX.decodeAll(header)) {
                if (c.name().equals(name)) {
                    return Optional.of(c.value());
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.size() != 1 ? Optional.empty() : Optional.of(values.get(0));
    }

    private String randomToken() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
