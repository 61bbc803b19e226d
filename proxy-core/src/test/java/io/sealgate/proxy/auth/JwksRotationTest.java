package io.sealgate.proxy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import io.sealgate.fixtures.oidc.FixtureIdp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The issuer's JWK set is cached, and fetched again when a token names a key id the cache does not know. */
class JwksRotationTest {

    @Test
    void aTokenSignedWithANewlyPublishedKeyIsAcceptedWithoutRestart() throws Exception {
        try (FixtureIdp idp = FixtureIdp.start()) {
            JwtVerifier verifier = new JwtVerifier(idp.issuer(), List.of("sealgate"), List.of("RS256"),
                    JwtVerifier.remoteKeys(idp.jwksUrl()), Duration.ofSeconds(30), Clock.systemUTC());
            assertThat(verifier.verify(idp.mint(idp.claims("alice", "sealgate").build(), JWSAlgorithm.RS256))
                    .getSubject()).isEqualTo("alice");

            String rotated = idp.rotateAndMint(idp.claims("alice", "sealgate").build());

            assertThat(verifier.verify(rotated).getSubject()).isEqualTo("alice");
        }
    }
}
