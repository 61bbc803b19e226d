package io.sealgate.proxy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealgate.config.AuthenticationConfig.StepUp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Step-up rules: a stale or weak login is answered with the RFC 9470 challenge. */
class StepUpTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final StepUpPolicy POLICY = new StepUpPolicy(List.of(
            new StepUp(Optional.of("approve"), Optional.empty(), Optional.of(Duration.ofMinutes(10)),
                    List.of("mfa"), List.of()),
            new StepUp(Optional.empty(), Optional.of("treasury-key"), Optional.empty(), List.of(), List.of("hwk"))),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static Login login(Instant authTime, String acr, List<String> amr) {
        return new Login("bob", Set.of(), "jwt", Optional.ofNullable(authTime), Optional.ofNullable(acr), amr,
                Optional.empty(), true);
    }

    @Test
    void aRecentStrongLoginMayApprove() {
        assertThat(POLICY.check(login(NOW.minusSeconds(60), "mfa", List.of()), Optional.of("approve"), "bob"))
                .isEmpty();
    }

    @Test
    void aStaleLoginGetsTheChallengeWithMaxAgeAndAcrValues() {
        Decision.Denied denied = POLICY.check(login(NOW.minusSeconds(3600), "mfa", List.of()),
                Optional.of("approve"), "bob").orElseThrow();
        assertThat(denied.status()).isEqualTo(401);
        assertThat(denied.code()).isEqualTo("insufficient_user_authentication");
        assertThat(denied.message()).isEqualTo("step approve needs a login within the last 600 s (logged in at "
                + "2026-11-21T11:00:00Z); log in again as required");
        assertThat(denied.wwwAuthenticate()).contains("Bearer error=\"insufficient_user_authentication\", "
                + "error_description=\"A different authentication level is required\", acr_values=\"mfa\", "
                + "max_age=600");
    }

    @Test
    void aLoginWithoutAuthTimeOrTheAcrFallsShort() {
        Decision.Denied denied = POLICY.check(login(null, "pwd", List.of()), Optional.of("approve"), "bob")
                .orElseThrow();
        assertThat(denied.message()).isEqualTo("step approve needs a login time (auth_time) and acr mfa (got: pwd);"
                + " log in again as required");
    }

    @Test
    void aKeyRuleAppliesToEveryStepSignedWithThatKey() {
        assertThat(POLICY.check(login(NOW, null, List.of("pwd")), Optional.empty(), "treasury-key").orElseThrow()
                .message()).isEqualTo("key treasury-key needs amr hwk (got: [pwd]); log in again as required");
        assertThat(POLICY.check(login(NOW, null, List.of("pwd", "hwk")), Optional.empty(), "treasury-key"))
                .isEmpty();
        assertThat(POLICY.check(login(NOW, null, List.of()), Optional.of("create"), "alice")).isEmpty();
    }
}
