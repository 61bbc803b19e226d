package io.sealgate.proxy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import io.sealgate.fixtures.documents.SampleDocuments;
import io.sealgate.signing.log.LogEntry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bearer JWTs through the signing proxy: a valid token signs as its user and the log records how they logged in;
 * each bad token is refused with 401 {@code invalid_token} and its challenge, no signature is made and the upstream
 * receives nothing; a valid token for a user without a key is refused with 403 {@code no_key}.
 */
class ProxyAuthenticationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static AuthProxy proxy;
    private static byte[] pdf;

    @BeforeAll
    static void start() throws Exception {
        proxy = new AuthProxy(dir);
        pdf = SampleDocuments.PDFBOX_PURCHASE_ORDER.bytes();
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    private static HttpResponse<String> upload(String name, String token) throws Exception {
        return proxy.send("PUT", "files/" + name, token == null ? Map.of("Content-Type", "application/pdf")
                : Map.of("Content-Type", "application/pdf", "Authorization", "Bearer " + token), pdf);
    }

    /**
     * Sends {@code token} on an upload, asserts the refusal left no trace, and answers the response's JSON body, for
     * the message.
     */
    private static JsonNode refused(String name, String token) throws Exception {
        long before = proxy.logSize();
        HttpResponse<String> response = upload(name, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").asText()).isEqualTo("invalid_token");
        assertThat(AuthProxy.values(response, "WWW-Authenticate"))
                .containsExactly("Bearer realm=\"sealgate\", error=\"invalid_token\"");
        assertThat(AuthProxy.values(response, "Sealgate-Signature")).isEmpty();
        assertThat(proxy.logSize()).isEqualTo(before);
        assertThat(proxy.stored(name)).isFalse();
        return body;
    }

    @Test
    void aValidJwtSignsAsItsUserAndTheLogRecordsTheLogin() throws Exception {
        String token = proxy.idp.mint(proxy.idp.claims("alice", "sealgate").jwtID("jti-e2e").claim("acr", "mfa")
                .build(), JWSAlgorithm.RS256);

        HttpResponse<String> response = upload("po-jwt.pdf", token);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(AuthProxy.values(response, "Sealgate-Signature")).singleElement().asString()
                .startsWith("signer=alice; step=create; log=");
        assertThat(proxy.stored("po-jwt.pdf")).isTrue();
        LogEntry entry = proxy.entryNamedIn(AuthProxy.values(response, "Sealgate-Signature").get(0));
        assertThat(entry.userId()).isEqualTo("alice");
        assertThat(entry.authentication().source()).isEqualTo("jwt");
        assertThat(entry.authentication().tokenIdSha256()).contains(Login.sha256Hex("jti-e2e"));
        assertThat(entry.authentication().acr()).contains("mfa");
        assertThat(entry.authentication().authTime()).isPresent();
    }

    @Test
    void aMissingTokenIsRefusedWithTheChallengeAndTheWaysToAuthenticate() throws Exception {
        HttpResponse<String> response = upload("po-none.pdf", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").asText()).isEqualTo("unauthenticated");
        assertThat(body.get("message").asText()).isEqualTo("this route signs as you: authenticate (expected: a "
                + "session from /.sealgate/auth/login or Authorization: Bearer <a JWT from " + proxy.idp.issuer()
                + "> or Authorization: Bearer <your token>)");
        assertThat(AuthProxy.values(response, "WWW-Authenticate")).containsExactly("Bearer realm=\"sealgate\"");
        assertThat(proxy.stored("po-none.pdf")).isFalse();
    }

    @Test
    void anUnknownStaticTokenIsRefusedAsAnInvalidToken() throws Exception {
        assertThat(refused("po-static.pdf", "not-a-token-of-anyone").get("message").asText())
                .startsWith("bearer token: unknown");
    }

    @Test
    void aJwtForAUserNotUnderUsersIsRefusedWith403NoKey() throws Exception {
        long before = proxy.logSize();
        HttpResponse<String> response = upload("po-mallory.pdf", proxy.idp.mint(proxy.idp.claims("mallory",
                "sealgate").build(), JWSAlgorithm.RS256));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").asText()).isEqualTo("no_key");
        assertThat(body.get("message").asText()).isEqualTo("user mallory (authenticated by jwt) is not under "
                + "users:, so has no signing key (expected: a users: entry naming their key)");
        assertThat(AuthProxy.values(response, "WWW-Authenticate")).isEmpty();
        assertThat(proxy.logSize()).isEqualTo(before);
        assertThat(proxy.stored("po-mallory.pdf")).isFalse();
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        refused("po-expired.pdf", proxy.idp.mint(proxy.idp.claims("alice", "sealgate")
                .expirationTime(Date.from(Instant.now().minusSeconds(600))).build(), JWSAlgorithm.RS256));
    }

    @Test
    void aTokenNotYetValidIsRefused() throws Exception {
        Instant later = Instant.now().plusSeconds(600);
        refused("po-nbf.pdf", proxy.idp.mint(proxy.idp.claims("alice", "sealgate").notBeforeTime(Date.from(later))
                .expirationTime(Date.from(later.plusSeconds(300))).build(), JWSAlgorithm.RS256));
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() throws Exception {
        refused("po-iss.pdf", proxy.idp.mint(proxy.idp.claims("alice", "sealgate").issuer("https://evil.example.com")
                .build(), JWSAlgorithm.RS256));
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() throws Exception {
        refused("po-aud.pdf", proxy.idp.mint(proxy.idp.claims("alice", "payroll").build(), JWSAlgorithm.RS256));
    }

    @Test
    void aTokenWithABadSignatureIsRefused() throws Exception {
        refused("po-sig.pdf", proxy.idp.mintWithForeignKey(proxy.idp.claims("alice", "sealgate").build(), "rsa-1"));
    }

    @Test
    void anUnsignedTokenIsRefused() throws Exception {
        refused("po-none-alg.pdf", proxy.idp.mintUnsigned(proxy.idp.claims("alice", "sealgate").build()));
    }

    @Test
    void anHs256TokenKeyedWithThePublicKeyIsRefused() throws Exception {
        refused("po-hs256.pdf", proxy.idp.mintHs256WithPublicKey(proxy.idp.claims("alice", "sealgate").build()));
    }

    @Test
    void aTokenWithAnUnknownKidIsRefused() throws Exception {
        refused("po-kid.pdf", proxy.idp.mintWithForeignKey(proxy.idp.claims("alice", "sealgate").build(), "kid-x"));
    }

    @Test
    void bobsTokenCannotPerformAlicesCreateStep() throws Exception {
        long before = proxy.logSize();
        HttpResponse<String> response = upload("po-bob.pdf", proxy.idp.mint(proxy.idp.claims("bob", "sealgate")
                .build(), JWSAlgorithm.RS256));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(proxy.logSize()).isEqualTo(before);
        assertThat(proxy.stored("po-bob.pdf")).isFalse();
    }
}
