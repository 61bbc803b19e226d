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
 * {@code Authorization: Bearer ...}, as two sources that split the tokens between them: {@link #jwt} takes a JWT
 * (three dot-separated parts) when {@code authentication.jwt} is configured and checks it with the
 * {@link JwtVerifier}; {@link #staticTokens} takes every other bearer token, which must be the static token of a user
 * under {@code users:}. A token its source cannot match is refused: it is never taken as "no credential".
 */
final class BearerSource implements IdentitySource {

    /** The {@code source} recorded in the signature log for JWT bearer tokens. */
    static final String SOURCE = "jwt";
    private static final String BEARER = "bearer ";

    /** Null in the static source. */
    private final JwtVerifier jwt;
    private final String userClaim;
    private final Optional<String> rolesClaim;
    /** Null in the JWT source. */
    private final ConfiguredUsers staticUsers;
    /** Whether a JWT source exists, so JWT-shaped tokens are its and not the static source's. */
    private final boolean jwtConfigured;

    private BearerSource(JwtVerifier jwt, String userClaim, Optional<String> rolesClaim,
                         ConfiguredUsers staticUsers, boolean jwtConfigured) {
        this.jwt = jwt;
        this.userClaim = userClaim;
        this.rolesClaim = rolesClaim;
        this.staticUsers = staticUsers;
        this.jwtConfigured = jwtConfigured;
    }

    /** The JWT source of {@code authentication.jwt}. */
    static BearerSource jwt(JwtVerifier verifier, String userClaim, Optional<String> rolesClaim) {
        return new BearerSource(verifier, userClaim, rolesClaim, null, true);
    }

    /** The static tokens of {@code users:}; {@code jwtConfigured}: whether JWTs go to a JWT source instead. */
    static BearerSource staticTokens(ConfiguredUsers users, boolean jwtConfigured) {
        return new BearerSource(null, "sub", Optional.empty(), users, jwtConfigured);
    }

    @Override
    public AuthOutcome authenticate(AuthRequest request) {
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (authorization == null || authorization.length() < BEARER.length()
                || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return AuthOutcome.ABSENT;
        }
        String token = authorization.substring(BEARER.length()).strip();
        boolean jwtShaped = jwtConfigured && token.chars().filter(c -> c == '.').count() == 2;
        if (jwtShaped != (jwt != null)) {
            return AuthOutcome.ABSENT; // the other bearer source's token
        }
        if (jwt != null) {
            try {
                JWTClaimsSet claims = jwt.verify(token);
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
                + (jwtConfigured ? "a JWT from the configured issuer or " : "") + "the token of a user under users:)");
    }
}
