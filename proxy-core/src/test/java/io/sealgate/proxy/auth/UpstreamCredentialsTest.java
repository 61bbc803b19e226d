package io.sealgate.proxy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sealgate's own cookies and gateway headers never go upstream; the upstream's own credentials do, unchanged. */
class UpstreamCredentialsTest {

    @TempDir
    static Path dir;

    private static UpstreamCredentials strip;

    @BeforeAll
    static void load() throws Exception {
        strip = Authenticator.from(AuthConfigs.load(dir, """
                oidc-login:
                  issuer: https://idp.example.com
                  authorization-endpoint: https://idp.example.com/authorize
                  token-endpoint: https://idp.example.com/token
                  jwks-url: https://idp.example.com/jwks
                  client-id: sealgate
                  client-secret: ${OIDC_SECRET}
                  redirect-uri: https://docs.example.com/.sealgate/auth/callback
                  cookie-secret: ${SESSION_KEY}
                  algorithms: [RS256]
                trusted-header:
                  header: X-Authenticated-User
                  roles-header: X-Authenticated-Roles
                  trusted-sources: [127.0.0.1/32]
                """), AuthConfigs.ORGANISATION).upstreamCredentials();
    }

    @Test
    void ourSessionCookieIsCutOutAndTheUpstreamsCookiesStayByteForByte() {
        HttpHeaders headers = new DefaultHttpHeaders().add("Cookie", "saas_sid=\"a b\"; __Host-sealgate-session=x1;"
                + " theme=dark").add("Cookie", "__Host-sealgate-login=y2");
        strip.strip(headers, false);
        assertThat(headers.getAll("Cookie")).containsExactly("saas_sid=\"a b\"; theme=dark");
    }

    @Test
    void aRequestWithOnlyOurCookiesLosesTheCookieHeader() {
        HttpHeaders headers = new DefaultHttpHeaders().add("Cookie", "__Host-sealgate-session=x1");
        strip.strip(headers, false);
        assertThat(headers.contains("Cookie")).isFalse();
    }

    @Test
    void gatewayHeadersAreAlwaysRemovedAndAuthorizationOnlyWhenAsked() {
        HttpHeaders headers = new DefaultHttpHeaders().set("X-Authenticated-User", "alice")
                .set("X-Authenticated-Roles", "admin").set("Authorization", "Basic dXNlcjpwYXNz");
        strip.strip(headers, false);
        assertThat(headers.names()).containsExactly("Authorization");
        strip.strip(headers, true);
        assertThat(headers.isEmpty()).isTrue();
    }
}
