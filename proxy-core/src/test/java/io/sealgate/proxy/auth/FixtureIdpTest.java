package io.sealgate.proxy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealgate.fixtures.oidc.FixtureIdp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The fixture IdP enforces what a real one does, so the login tests prove something: a stolen code is useless
 * without the PKCE verifier, and a code is good once.
 */
class FixtureIdpTest {

    private static final String CALLBACK = "http://127.0.0.1:1/cb";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String code(FixtureIdp idp, String verifier) throws Exception {
        URI authorize = URI.create(idp.issuer() + "/authorize?response_type=code&client_id=app&redirect_uri="
                + OidcClient.form(CALLBACK) + "&state=s&nonce=n&login_hint=alice&code_challenge_method=S256"
                + "&code_challenge=" + OidcClient.challenge(verifier));
        String location = HTTP.send(HttpRequest.newBuilder(authorize).build(), HttpResponse.BodyHandlers.discarding())
                .headers().firstValue("Location").orElseThrow();
        return location.substring(location.indexOf("&code=") + 6);
    }

    private static int exchange(FixtureIdp idp, String code, String verifier) throws Exception {
        String basic = Base64.getEncoder().encodeToString("app:secret".getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(idp.issuer() + "/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + code
                        + "&redirect_uri=" + OidcClient.form(CALLBACK) + "&code_verifier=" + verifier)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aCodeExchangedWithoutItsPkceVerifierIsRefused() throws Exception {
        try (FixtureIdp idp = FixtureIdp.start().client("app", "secret", CALLBACK).user("alice")) {
            String code = code(idp, "the-right-verifier-0123456789012345678901234");
            assertThat(exchange(idp, code, "an-attackers-verifier-012345678901234567890")).isEqualTo(400);
        }
    }

    @Test
    void aCodeIsGoodOnce() throws Exception {
        try (FixtureIdp idp = FixtureIdp.start().client("app", "secret", CALLBACK).user("alice")) {
            String verifier = "the-right-verifier-0123456789012345678901234";
            String code = code(idp, verifier);
            assertThat(exchange(idp, code, verifier)).isEqualTo(200);
            assertThat(exchange(idp, code, verifier)).isEqualTo(400);
        }
    }
}
