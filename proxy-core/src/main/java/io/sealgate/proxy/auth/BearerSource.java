package io.sealgate.proxy.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.sealgate.proxy.actions.Authenticated;
import io.sealgate.proxy.actions.ConfiguredUsers;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code Authorization: Bearer ...}: a JWT (three dot-separated parts) is checked by the {@link JwtVerifier} when
 * {@code authentication.jwt} is configured; anything else must be a static token of {@code users:}. A bearer token
 * that is neither is refused: it is never taken as "no credential".
 */
final class BearerSource implements IdentitySource {

    /** The {@code source} recorded in the signature log for JWT bearer tokens. */
    static final String SOURCE = "jwt";
    private static final String BEARER = "bearer ";

    private final Optional<JwtVerifier> jwt;
    private final String userClaim;
    private final Optional<String> rolesClaim;
    private final ConfiguredUsers staticUsers;

    BearerSource(Optional<JwtVerifier> jwt, String userClaim, Optional<String> rolesClaim,
                 ConfiguredUsers staticUsers) {
        this.jwt = jwt;
        this.userClaim = userClaim;
        this.rolesClaim = rolesClaim;
        this.staticUsers = staticUsers;
    }

    @Override
    public AuthOutcome authenticate(AuthRequest request) {
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (authorization == null || authorization.length() < BEARER.length()
                || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return AuthOutcome.ABSENT;
        }
        String token = authorization.substring(BEARER.length()).strip();
        if (jwt.isPresent() && token.chars().filter(c -> c == '.').count() == 2) {
            try {
                JWTClaimsSet claims = jwt.get().verify(token);
                return Claims.login(claims, userClaim, rolesClaim, SOURCE, true)
                        .<AuthOutcome>map(AuthOutcome.Accepted::new)
                        .orElseGet(() -> new AuthOutcome.Refused("invalid_token", "bearer token: no " + userClaim
                                + " claim (expected: the claim naming the user, authentication.jwt.user-claim)"));
            } catch (JwtVerifier.InvalidTokenException e) {
                return new AuthOutcome.Refused("invalid_token", "bearer token: " + e.getMessage());
            }
        }
        Optional<Authenticated> user = staticUsers.resolve(request.headers());
        if (user.isPresent()) {
            return new AuthOutcome.Accepted(new Login(user.get().identity().userId(), Set.of(),
                    ConfiguredUsers.SOURCE, Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
                    true));
        }
        return new AuthOutcome.Refused("invalid_token", "bearer token: unknown (expected: "
                + (jwt.isPresent() ? "a JWT from the configured issuer or " : "") + "the token of a user under users:)");
    }
}
