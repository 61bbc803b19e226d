package io.sealgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealgate.config.AuthenticationConfig.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A listener's and a route's {@code authentication:} list: which configured identity sources apply there, checked
 * at load against the sources the config sets up; and users without a static token.
 */
class IdentitySourceListTest {

    private static final Map<String, String> ENV = Map.of("OIDC_SECRET", "client-s3cret",
            "SESSION_KEY", "0123456789abcdef0123456789abcdef");

    @TempDir
    Path dir;

    private Path file;

    @BeforeEach
    void createFiles() throws Exception {
        for (String name : List.of("chain.pem", "key.pem", "clients.pem")) {
            Files.writeString(dir.resolve(name), "-");
        }
        file = dir.resolve("sealgate.yaml");
    }

    /** A config with a plain listener, an mTLS listener, one sign-upload route and the jwt and mtls sources. */
    private String yaml(String plainListener, String mtlsListener, String route, String users) {
        return """
                listeners:
                  - {host: 127.0.0.1, port: 0%s}
                  - {host: 127.0.0.1, port: 0, tls: {certificate-chain: chain.pem, private-key: key.pem,
                     client-ca: clients.pem}%s}
                upstreams: {saas: {url: "http://127.0.0.1:9000"}}
                token: {library: key.pem, label: sealgate, pin: "1234"}
                organisation: {name: Acme Corp}
                routes:
                  - {name: upload, upstream: saas, action: sign-upload%s}
                  - {name: rest, upstream: saas, action: pass}
                users:
                %s
                authentication:
                  jwt: {issuer: https://idp.example.com, audience: sealgate, jwks-file: key.pem, algorithms: [RS256]}
                  mtls: {user-from: subject-cn}
                """.formatted(plainListener, mtlsListener, route, users.indent(2).stripTrailing());
    }

    private static final String ALICE = "alice: {token: alice-token-0123456789}";

    private SealgateConfig load(String yaml) throws ConfigException {
        return ConfigLoader.builder().environment(ENV::get).build().parse(yaml, file);
    }

    private List<String> errors(String yaml) {
        return SigningConfigTest.errorsOf(() -> load(yaml)).stream()
                .map(e -> e.line() + ": " + e.key() + ": " + e.message()).toList();
    }

    @Test
    void listenersAndRoutesReadTheirSourceLists() throws Exception {
        SealgateConfig config = load(yaml(", authentication: [jwt, static-bearer]", ", authentication: mtls",
                ", authentication: [mtls, jwt]", ALICE));

        assertThat(config.listeners().get(0).authentication()).contains(Set.of(Source.JWT, Source.STATIC_BEARER));
        assertThat(config.listeners().get(1).authentication()).contains(Set.of(Source.MTLS));
        assertThat(config.routes().get(0).authentication()).contains(Set.of(Source.MTLS, Source.JWT));
        assertThat(config.routes().get(1).authentication()).isEmpty();
    }

    @Test
    void withoutListsEverySourceApplies() throws Exception {
        SealgateConfig config = load(yaml("", "", "", ALICE));

        assertThat(config.listeners()).allSatisfy(l -> assertThat(l.authentication()).isEmpty());
        assertThat(Source.configured(config.authentication(), config.users().values()))
                .containsExactlyInAnyOrder(Source.MTLS, Source.JWT, Source.STATIC_BEARER);
    }

    @Test
    void anUnknownSourceNameIsNamedWithASuggestion() {
        assertThat(errors(yaml("", "", ", authentication: [mtls, jwtt]", ALICE))).containsExactly(
                "9: routes[0].authentication[1]: jwtt: no such identity source, did you mean 'jwt'? (expected: one "
                        + "of mtls, oidc-session, jwt, static-bearer, trusted-header)");
    }

    @Test
    void aSectionNameIsAnsweredWithTheSourceName() {
        assertThat(errors(yaml(", authentication: oidc-login", "", "", ALICE))).containsExactly(
                "2: listeners[0].authentication: oidc-login: no such identity source, did you mean 'oidc-session'? "
                        + "(expected: one of mtls, oidc-session, jwt, static-bearer, trusted-header)");
    }

    @Test
    void aSourceThatIsNotConfiguredIsRefused() {
        assertThat(errors(yaml("", "", ", authentication: [trusted-header]", ALICE))).containsExactly(
                "9: routes[0].authentication[0]: trusted-header: not configured (expected: an "
                        + "authentication.trusted-header section, or one of the configured sources mtls, jwt, "
                        + "static-bearer)");
    }

    @Test
    void staticBearerNeedsAUserWithAToken() {
        assertThat(errors(yaml("", "", ", authentication: static-bearer", "alice: {key: alice}"))).containsExactly(
                "9: routes[0].authentication: static-bearer: not configured (expected: a user under users: with a "
                        + "token, or one of the configured sources mtls, jwt)");
    }

    @Test
    void mtlsOnAListenerWithoutClientCaIsRefused() {
        assertThat(errors(yaml(", authentication: [mtls]", "", "", ALICE))).containsExactly(
                "2: listeners[0].authentication[0]: mtls: this listener has no tls.client-ca (expected: "
                        + "tls.client-ca on this listener, so clients present certificates)");
    }

    @Test
    void mtlsOnARouteNeedsSomeListenerWithClientCa() {
        String yaml = yaml("", "", ", authentication: [mtls]", ALICE)
                .replace(",\n     client-ca: clients.pem}", "}");
        assertThat(errors(yaml)).containsExactly(
                "8: routes[0].authentication[0]: mtls: no listener has tls.client-ca (expected: tls.client-ca on a "
                        + "listener, so clients present certificates)");
    }

    @Test
    void aSourceListedTwiceOrAnEmptyListIsRefused() {
        assertThat(errors(yaml(", authentication: []", "", ", authentication: [jwt, jwt]", ALICE))).containsExactly(
                "2: listeners[0].authentication: empty (expected: a list of identity sources from mtls, "
                        + "oidc-session, jwt, static-bearer or trusted-header, like [mtls, jwt])",
                "9: routes[0].authentication[1]: jwt: listed twice (expected: each source once)");
    }

    @Test
    void aPassRouteTakesNoSourceList() {
        String yaml = yaml("", "", "", ALICE).replace("{name: rest, upstream: saas, action: pass}",
                "{name: rest, upstream: saas, action: pass, authentication: [jwt]}");
        assertThat(errors(yaml)).containsExactly("10: routes[1].authentication: not allowed with action pass "
                + "(expected: only with sign-upload or approve, the routes that act as the user)");
    }

    @Test
    void aUserWithoutATokenIsReadWithItsKeyAndRoles() throws Exception {
        SealgateConfig config = load(yaml("", "", "", ALICE + "\ncarol: {key: carol-key, roles: [legal]}"));

        assertThat(config.users().get("carol")).isEqualTo(new UserConfig("carol", Optional.empty(), Set.of("legal"),
                "carol-key"));
        assertThat(config.users().get("alice").token()).contains(new Secret("alice-token-0123456789"));
    }

    @Test
    void aBlankTokenIsStillAnError() {
        assertThat(errors(yaml("", "", "", "alice: {token: \"\"}"))).singleElement().asString()
                .startsWith("12: users.alice.token: ");
    }
}
