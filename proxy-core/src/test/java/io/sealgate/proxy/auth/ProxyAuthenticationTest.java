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
 * each bad token is refused with 401, no signature is made and the upstream receives nothing.
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
        try (var in = SampleDocuments.PDFBOX_PURCHASE_ORDER.open()) {
            pdf = in.readAllBytes();
        }
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

    /** Sends {@code token} on an upload and asserts the refusal left no trace. */
    private static void refused(String name, String token) throws Exception {
        long before = proxy.logSize();
        HttpResponse<String> response = upload(name, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").asText()).isEqualTo("unauthenticated");
        assertThat(proxy.logSize()).isEqualTo(before);
        assertThat(proxy.stored(name)).isFalse();
    }

    @Test
    void aValidJwtSignsAsItsUserAndTheLogRecordsTheLogin() throws Exception {
        long before = proxy.logSize();
        String token = proxy.idp.mint(proxy.idp.claims("alice", "sealgate").jwtID("jti-e2e").claim("acr", "mfa")
                .build(), JWSAlgorithm.RS256);

        HttpResponse<String> response = upload("po-jwt.pdf", token);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(AuthProxy.values(response, "Sealgate-Signature")).singleElement().asString()
                .startsWith("signer=alice; step=create; log=");
        assertThat(proxy.stored("po-jwt.pdf")).isTrue();
        LogEntry entry = (LogEntry) proxy.service.log().entries(before, before + 1).get(0);
        assertThat(entry.userId()).isEqualTo("alice");
        assertThat(entry.authentication().source()).isEqualTo("jwt");
        assertThat(entry.authentication().tokenIdSha256()).contains(Login.sha256Hex("jti-e2e"));
        assertThat(entry.authentication().acr()).contains("mfa");
        assertThat(entry.authentication().authTime()).isPresent();
    }

    @Test
    void aMissingTokenIsRefused() throws Exception {
        refused("po-none.pdf", null);
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
