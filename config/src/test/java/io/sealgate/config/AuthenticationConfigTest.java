package io.sealgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code authentication:} section is read into {@link AuthenticationConfig}, and its mistakes are named. */
class AuthenticationConfigTest {

    private static final String HEAD = """
            listeners: [{host: 127.0.0.1, port: 0}]
            upstreams: {saas: {url: "http://127.0.0.1:9000"}}
            routes:
              - {name: pass, upstream: saas, action: pass}
            """;
    private static final Map<String, String> ENV = Map.of("OIDC_SECRET", "client-s3cret",
            "SESSION_KEY", "0123456789abcdef0123456789abcdef", "SHORT_KEY", "too-short");

    @TempDir
    Path dir;

    private Path file;

    @BeforeEach
    void createFiles() throws Exception {
        Files.writeString(dir.resolve("jwks.json"), "{\"keys\": []}");
        file = dir.resolve("sealgate.yaml");
    }

    private SealgateConfig load(String yaml) throws ConfigException {
        return ConfigLoader.builder().environment(ENV::get).build().parse(HEAD + yaml, file);
    }

    private List<String> errors(String yaml) {
        return SigningConfigTest.errorsOf(() -> load(yaml)).stream().map(e -> e.key() + ": " + e.message())
                .toList();
    }

    @Test
    void everyAuthenticationKeyIsReadIntoTheRecords() throws Exception {
        SealgateConfig config = load("""
                authentication:
                  jwt:
                    issuer: https://idp.example.com
                    audience: sealgate
                    jwks-url: https://idp.example.com/jwks
                    algorithms: [RS256, ES256]
                    clock-skew: 30s
                    user-claim: preferred_username
                    roles-claim: groups
                  oidc-login:
                    issuer: https://idp.example.com
                    client-id: sealgate
                    client-secret: ${OIDC_SECRET}
                    redirect-uri: https://docs.example.com/.sealgate/auth/callback
                    cookie-secret: ${SESSION_KEY}
                    session-lifetime: 4h
                    algorithms: [RS256]
                  mtls:
                    user-from: san-email
                  trusted-header:
                    header: X-Authenticated-User
                    roles-header: X-Authenticated-Roles
                    trusted-sources: [127.0.0.1/32, "::1/128"]
                  step-up:
                    - {step: approve, max-age: 10m, acr: [mfa]}
                    - {key: alice-key, amr: [hwk]}
                """);

        AuthenticationConfig auth = config.authentication();
        assertThat(auth.jwt()).contains(new AuthenticationConfig.Jwt("https://idp.example.com", List.of("sealgate"),
                Optional.of(URI.create("https://idp.example.com/jwks")), Optional.empty(), List.of("RS256", "ES256"),
                Duration.ofSeconds(30), "preferred_username", Optional.of("groups")));
        AuthenticationConfig.OidcLogin login = auth.oidcLogin().orElseThrow();
        assertThat(login.clientSecret().reveal()).isEqualTo("client-s3cret");
        assertThat(login.cookieSecret().reveal()).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(login.sessionLifetime()).isEqualTo(Duration.ofHours(4));
        assertThat(login.scopes()).containsExactly("openid");
        assertThat(login.cookieName()).isEqualTo("__Host-sealgate-session");
        assertThat(login.toString()).doesNotContain("s3cret").doesNotContain("0123456789abcdef");
        assertThat(auth.mtls()).contains(new AuthenticationConfig.Mtls(AuthenticationConfig.Mtls.UserFrom.SAN_EMAIL));
        assertThat(auth.trustedHeader()).contains(new AuthenticationConfig.TrustedHeader("X-Authenticated-User",
                Optional.of("X-Authenticated-Roles"), List.of("127.0.0.1/32", "::1/128")));
        assertThat(auth.stepUp()).containsExactly(
                new AuthenticationConfig.StepUp(Optional.of("approve"), Optional.empty(),
                        Optional.of(Duration.ofMinutes(10)), List.of("mfa"), List.of()),
                new AuthenticationConfig.StepUp(Optional.empty(), Optional.of("alice-key"), Optional.empty(),
                        List.of(), List.of("hwk")));
    }

    @Test
    void withoutTheSectionOnlyStaticTokensAreAccepted() throws Exception {
        assertThat(load("").authentication()).isEqualTo(AuthenticationConfig.NONE);
    }

    @Test
    void logoutsAreKeptUnderTheConfigsDirectoryUnlessAFileIsNamed() throws Exception {
        String login = """
                authentication:
                  oidc-login:
                    issuer: https://idp.example.com
                    client-id: sealgate
                    client-secret: ${OIDC_SECRET}
                    redirect-uri: https://docs.example.com/.sealgate/auth/callback
                    cookie-secret: ${SESSION_KEY}
                    algorithms: [RS256]
                """;
        assertThat(load(login).authentication().oidcLogin().orElseThrow().revokedSessionsFile())
                .isEqualTo(dir.resolve("var/state/revoked-sessions"));
        assertThat(load(login + "    revoked-sessions-file: state/logouts\n").authentication().oidcLogin()
                .orElseThrow().revokedSessionsFile()).isEqualTo(dir.resolve("state/logouts"));
        Files.createDirectories(dir.resolve("state"));
        assertThat(errors(login + "    revoked-sessions-file: state\n")).containsExactly(
                "authentication.oidc-login.revoked-sessions-file: state (resolved to " + dir.resolve("state")
                        + "): is a directory (expected: a file path, like var/state/revoked-sessions)");
    }

    @Test
    void noneAndHmacAlgorithmsAreRefusedAtLoad() {
        assertThat(errors("""
                authentication:
                  jwt: {issuer: https://idp.example.com, audience: sealgate, jwks-file: jwks.json, algorithms: [none]}
                """)).containsExactly("authentication.jwt.algorithms[0]: none is never accepted (expected: one of "
                + "RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512 or EdDSA)");
        assertThat(errors("""
                authentication:
                  jwt: {issuer: https://idp.example.com, audience: sealgate, jwks-file: jwks.json, algorithms: [HS256]}
                """)).containsExactly("authentication.jwt.algorithms[0]: HS256 is never accepted (expected: one of "
                + "RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512 or EdDSA)");
    }

    @Test
    void eddsaIsAcceptedBesideTheOtherAlgorithms() throws Exception {
        assertThat(load("""
                authentication:
                  jwt: {issuer: https://idp.example.com, audience: sealgate, jwks-url: "https://idp.example.com/jwks",
                        algorithms: [EdDSA, ES256]}
                """).authentication().jwt().orElseThrow().algorithms()).containsExactly("EdDSA", "ES256");
    }

    @Test
    void anAlgorithmInTheWrongCaseIsRefusedAtLoad() {
        assertThat(errors("""
                authentication:
                  jwt: {issuer: https://idp.example.com, audience: sealgate, jwks-file: jwks.json, algorithms: [eddsa]}
                """)).containsExactly("authentication.jwt.algorithms[0]: eddsa (expected: one of "
                + "RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512 or EdDSA)");
    }

    @Test
    void jwtNeedsExactlyOneKeySource() {
        assertThat(errors("""
                authentication:
                  jwt: {issuer: https://idp.example.com, audience: sealgate, algorithms: [RS256]}
                """)).containsExactly("authentication.jwt.jwks-url: missing (expected: exactly one of jwks-url and "
                + "jwks-file)");
    }

    @Test
    void aShortCookieSecretIsRefusedWithoutShowingIt() {
        assertThat(errors("""
                authentication:
                  oidc-login:
                    issuer: https://idp.example.com
                    client-id: sealgate
                    client-secret: ${OIDC_SECRET}
                    redirect-uri: https://docs.example.com/.sealgate/auth/callback
                    cookie-secret: ${SHORT_KEY}
                    algorithms: [RS256]
                """)).containsExactly("authentication.oidc-login.cookie-secret: too short, 9 bytes (expected: at "
                + "least 32 bytes, like ${SESSION_KEY})");
    }

    @Test
    void trustedSourcesMustBeCidrBlocks() {
        assertThat(errors("""
                authentication:
                  trusted-header: {header: X-User, trusted-sources: [gateway.example.com/32]}
                """)).containsExactly("authentication.trusted-header.trusted-sources[0]: gateway.example.com/32 "
                + "(expected: a CIDR block, like 10.0.0.0/8 or ::1/128)");
    }

    @Test
    void aStepUpRuleNamesAStepOrAKeyAndARequirement() {
        assertThat(errors("""
                authentication:
                  step-up:
                    - {step: approve}
                    - {max-age: 5m}
                """)).containsExactly(
                "authentication.step-up[0].max-age: missing (expected: max-age, acr or amr: what the rule requires)",
                "authentication.step-up[1].step: missing (expected: exactly one of step and key)");
    }

    @Test
    void forwardAuthorizationIsOnUnlessARouteTurnsItOff() throws Exception {
        SealgateConfig config = ConfigLoader.builder().build().parse("""
                listeners: [{host: 127.0.0.1, port: 0}]
                upstreams: {saas: {url: "http://127.0.0.1:9000"}}
                routes:
                  - {name: api, upstream: saas, action: pass, forward-authorization: false}
                  - {name: rest, upstream: saas, action: pass}
                """, file);

        assertThat(config.routes()).extracting(RouteConfig::forwardAuthorization).containsExactly(false, true);
    }
}
