package io.sealgate.proxy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.sealgate.fixtures.oidc.FixtureIdp;
import io.sealgate.policy.Identity;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bearer JWTs from the attacker's side: every forged, stale or misdirected token is refused with 401 and a sentence
 * saying what was wrong, and never falls through to another source.
 */
class JwtBearerTest {

    private static final String INVALID = "Bearer realm=\"sealgate\", error=\"invalid_token\"";

    @TempDir
    static Path dir;

    private static FixtureIdp idp;
    private static Authenticator auth;

    @BeforeAll
    static void start() throws Exception {
        idp = FixtureIdp.start();
        auth = Authenticator.from(AuthConfigs.load(dir, AuthConfigs.jwt(idp.issuer(), idp.jwksUrl().toString())),
                AuthConfigs.ORGANISATION);
    }

    @AfterAll
    static void stop() {
        idp.close();
    }

    private static Decision bearer(String token) {
        HttpHeaders headers = new DefaultHttpHeaders().set("Authorization", "Bearer " + token);
        return auth.authenticate(AuthRequest.of(headers));
    }

    private static Decision.Denied denied(Decision decision) {
        assertThat(decision).isInstanceOf(Decision.Denied.class);
        return (Decision.Denied) decision;
    }

    private static JWTClaimsSet.Builder alice() {
        return idp.claims("alice", "sealgate").claim("groups", List.of("buyers"));
    }

    @Test
    void aValidRs256TokenNamesTheUserWithHowTheyLoggedIn() {
        Instant loggedIn = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.SECONDS);
        JWTClaimsSet claims = alice().jwtID("token-1").claim("auth_time", loggedIn.getEpochSecond())
                .claim("acr", "mfa").build();

        Decision.Allowed allowed = (Decision.Allowed) bearer(idp.mint(claims, JWSAlgorithm.RS256));

        assertThat(allowed.user().identity()).isEqualTo(new Identity("alice", Set.of("requester", "buyers"),
                AuthConfigs.ORGANISATION));
        assertThat(allowed.user().authentication().source()).isEqualTo("jwt");
        assertThat(allowed.user().authentication().tokenIdSha256()).contains(Login.sha256Hex("token-1"));
        assertThat(allowed.user().authentication().authTime()).contains(loggedIn);
        assertThat(allowed.user().authentication().acr()).contains("mfa");
        assertThat(allowed.user().authorizationConsumed()).isTrue();
    }

    @Test
    void aValidEs256TokenIsAccepted() {
        assertThat(bearer(idp.mint(alice().build(), JWSAlgorithm.ES256))).isInstanceOf(Decision.Allowed.class);
    }

    @Test
    void aRequestWithoutCredentialsIsRefusedWith401() {
        Decision.Denied denied = denied(auth.authenticate(AuthRequest.of(new DefaultHttpHeaders())));
        assertThat(denied.status()).isEqualTo(401);
        assertThat(denied.code()).isEqualTo("unauthenticated");
        assertThat(denied.message()).isEqualTo("this route signs as you: authenticate (expected: Authorization: "
                + "Bearer <a JWT from " + idp.issuer() + "> or Authorization: Bearer <your token>)");
        assertThat(denied.wwwAuthenticate()).contains("Bearer realm=\"sealgate\"");
    }

    @Test
    void anExpiredTokenIsRefused() {
        Instant exp = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.SECONDS);
        Decision.Denied denied = denied(bearer(idp.mint(alice().expirationTime(Date.from(exp)).build(),
                JWSAlgorithm.RS256)));
        assertThat(denied.status()).isEqualTo(401);
        assertThat(denied.code()).isEqualTo("invalid_token");
        assertThat(denied.message()).isEqualTo("bearer token: expired at " + exp);
        assertThat(denied.wwwAuthenticate()).contains(INVALID);
    }

    @Test
    void aTokenExpiredWithinTheClockSkewIsStillAccepted() {
        Instant exp = Instant.now().minusSeconds(10);
        assertThat(bearer(idp.mint(alice().expirationTime(Date.from(exp)).build(), JWSAlgorithm.RS256)))
                .isInstanceOf(Decision.Allowed.class);
    }

    @Test
    void aTokenNotYetValidIsRefused() {
        Instant nbf = Instant.now().plusSeconds(600).truncatedTo(ChronoUnit.SECONDS);
        Decision.Denied denied = denied(bearer(idp.mint(alice().notBeforeTime(Date.from(nbf))
                .expirationTime(Date.from(nbf.plusSeconds(300))).build(), JWSAlgorithm.RS256)));
        assertThat(denied.message()).isEqualTo("bearer token: not valid before " + nbf);
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        Decision.Denied denied = denied(bearer(idp.mint(alice().issuer("https://evil.example.com").build(),
                JWSAlgorithm.RS256)));
        assertThat(denied.message()).isEqualTo("bearer token: issuer https://evil.example.com (expected: "
                + idp.issuer() + ")");
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        Decision.Denied denied = denied(bearer(idp.mint(alice().audience("payroll").build(), JWSAlgorithm.RS256)));
        assertThat(denied.message()).isEqualTo("bearer token: audience [payroll] (expected: one of [sealgate])");
    }

    @Test
    void aTokenSignedByAKeyTheIssuerNeverPublishedIsRefused() {
        Decision.Denied denied = denied(bearer(idp.mintWithForeignKey(alice().build(), "rsa-1")));
        assertThat(denied.code()).isEqualTo("invalid_token");
        assertThat(denied.message()).isEqualTo("bearer token: signature does not verify with the issuer's key "
                + "(kid 'rsa-1')");
    }

    @Test
    void anUnsignedTokenWithAlgNoneIsRefused() {
        Decision.Denied denied = denied(bearer(idp.mintUnsigned(alice().build())));
        assertThat(denied.message()).isEqualTo("bearer token: algorithm none (expected: RS256, ES256)");
    }

    @Test
    void anHs256TokenKeyedWithTheRsaPublicKeyIsRefused() {
        Decision.Denied denied = denied(bearer(idp.mintHs256WithPublicKey(alice().build())));
        assertThat(denied.message()).isEqualTo("bearer token: algorithm HS256 (expected: RS256, ES256)");
    }

    @Test
    void aTokenWithAnUnknownKidIsRefused() {
        Decision.Denied denied = denied(bearer(idp.mintWithForeignKey(alice().build(), "rotated-away")));
        assertThat(denied.message()).isEqualTo("bearer token: no key of the issuer matches its kid 'rotated-away'");
    }

    @Test
    void anAuthenticatedUserNotUnderUsersIsRefusedWith403NoKey() {
        Decision.Denied denied = denied(bearer(idp.mint(idp.claims("mallory", "sealgate").build(),
                JWSAlgorithm.RS256)));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.code()).isEqualTo("no_key");
        assertThat(denied.message()).isEqualTo("user mallory (authenticated by jwt) is not under users:, so has no "
                + "signing key (expected: a users: entry naming their key)");
    }

    @Test
    void theStaticBearerTokensStillWork() {
        Decision.Allowed allowed = (Decision.Allowed) bearer(AuthConfigs.BOB_TOKEN);
        assertThat(allowed.user().identity().userId()).isEqualTo("bob");
        assertThat(allowed.user().authentication().source()).isEqualTo("static-bearer");
    }

    @Test
    void anUnknownStaticTokenIsRefused() {
        Decision.Denied denied = denied(bearer("guessed-token-0123456789"));
        assertThat(denied.message()).isEqualTo("bearer token: unknown (expected: a JWT from the configured issuer "
                + "or the token of a user under users:)");
    }

    @Test
    void theHeadersOnlyResolverAnswersOnlyKnownUsers() {
        HttpHeaders good = new DefaultHttpHeaders().set("Authorization", "Bearer "
                + idp.mint(alice().build(), JWSAlgorithm.RS256));
        HttpHeaders bad = new DefaultHttpHeaders().set("Authorization", "Bearer "
                + idp.mintUnsigned(alice().build()));
        assertThat(auth.resolve(good).map(a -> a.identity().userId())).contains("alice");
        assertThat(auth.resolve(bad)).isEqualTo(Optional.empty());
    }
}
