package io.sealgate.proxy.auth;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The browser session cookie set by the login endpoints. A cookie that is present but does not open (tampered,
 * another secret), has expired or was logged out is refused: the request is not treated as anonymous.
 */
final class SessionSource implements IdentitySource {

    /** The {@code source} recorded in the signature log for browser sessions. */
    static final String SOURCE = "oidc-session";

    private final String cookieName;
    private final SessionCodec codec;
    private final RevokedSessions revoked;
    private final Clock clock;
    private final String loginPath;

    SessionSource(String cookieName, SessionCodec codec, RevokedSessions revoked, Clock clock, String loginPath) {
        this.cookieName = cookieName;
        this.codec = codec;
        this.revoked = revoked;
        this.clock = clock;
        this.loginPath = loginPath;
    }

    @Override
    public AuthOutcome authenticate(AuthRequest request) {
        Optional<String> value = cookie(request);
        if (value.isEmpty()) {
            return AuthOutcome.ABSENT;
        }
        String again = "; log in again at " + loginPath;
        Optional<SessionCodec.Session> session = codec.open(value.get());
        if (session.isEmpty()) {
            return new AuthOutcome.Refused("invalid_session", "session cookie: does not authenticate (tampered, or"
                    + " sealed with another cookie-secret)" + again);
        }
        SessionCodec.Session s = session.get();
        if (Instant.ofEpochSecond(s.expiresAt()).isBefore(clock.instant())) {
            return new AuthOutcome.Refused("invalid_session", "session cookie: expired at "
                    + Instant.ofEpochSecond(s.expiresAt()) + again);
        }
        if (revoked.isRevoked(s.sid())) {
            return new AuthOutcome.Refused("invalid_session", "session cookie: logged out" + again);
        }
        return new AuthOutcome.Accepted(new Login(s.user(), Set.copyOf(s.roles()), SOURCE, s.authTimeInstant(),
                Optional.ofNullable(s.acr()), s.amr(), Optional.of(Login.sha256Hex(s.sid())), false));
    }

    private Optional<String> cookie(AuthRequest request) {
        for (String header : request.headers().getAll(HttpHeaderNames.COOKIE)) {
            for (Cookie c : ServerCookieDecoder.LAX.decodeAll(header)) {
                if (c.name().equals(cookieName)) {
                    return Optional.of(c.value());
                }
            }
        }
        return Optional.empty();
    }

    /** The session in a request's cookie if it opens (for logout); empty otherwise. */
    Optional<SessionCodec.Session> session(AuthRequest request) {
        return cookie(request).flatMap(codec::open);
    }
}
