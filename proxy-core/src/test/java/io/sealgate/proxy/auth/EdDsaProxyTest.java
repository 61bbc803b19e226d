package io.sealgate.proxy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import io.sealgate.fixtures.documents.SampleDocuments;
import io.sealgate.signing.log.LogEntry;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EdDSA (Ed25519) tokens through the signing proxy: with {@code EdDSA} among the {@code algorithms}, a bearer token
 * and an OIDC ID token signed by the IdP's Ed25519 key sign as their user; a forged EdDSA signature, and an algorithm
 * naming a key of another type (EdDSA with the RSA key's kid, RS256 or ES256 with the Ed25519 key's kid), are refused
 * with 401 {@code invalid_token}, no signature made and the upstream receiving nothing. Where only RS256 and ES256
 * are allowed, a valid EdDSA token is refused the same way.
 */
class EdDsaProxyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    /** jwt and oidc-login allow EdDSA. */
    private static AuthProxy proxy;
    /** The shared test config: jwt allows RS256 and ES256 only. */
    private static AuthProxy strict;
    private static byte[] pdf;

    @BeforeAll
    static void start() throws Exception {
        proxy = new AuthProxy(Files.createDirectories(dir.resolve("eddsa")));
        Path config = dir.resolve("eddsa/sealgate.yaml");
        String yaml = Files.readString(config);
        String allowed = yaml.replace("algorithms: [RS256, ES256]", "algorithms: [RS256, ES256, EdDSA]")
                .replace("algorithms: [RS256]\n", "algorithms: [EdDSA]\n");
        assertThat(allowed).contains("[RS256, ES256, EdDSA]", "algorithms: [EdDSA]\n");
        Files.writeString(config, allowed);
        proxy.restart();
        proxy.idp.idTokenAlgorithm(JWSAlgorithm.EdDSA);
        strict = new AuthProxy(Files.createDirectories(dir.resolve("strict")));
        pdf = SampleDocuments.PDFBOX_PURCHASE_ORDER.bytes();
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (strict != null) {
            strict.close();
        }
    }

    private static HttpResponse<String> upload(AuthProxy to, String name, Map<String, String> credentials)
            throws Exception {
        Map<String, String> headers = new java.util.HashMap<>(credentials);
        headers.put("Content-Type", "application/pdf");
        return to.send("PUT", "files/" + name, headers, pdf);
    }

    /** Sends {@code token} on an upload, asserts the refusal left no trace, and answers the response's message. */
    private static String refused(AuthProxy to, String name, String token) throws Exception {
        long before = to.logSize();
        HttpResponse<String> response = upload(to, name, Map.of("Authorization", "Bearer " + token));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").asText()).isEqualTo("invalid_token");
        assertThat(AuthProxy.values(response, "WWW-Authenticate"))
                .containsExactly("Bearer realm=\"sealgate\", error=\"invalid_token\"");
        assertThat(AuthProxy.values(response, "Sealgate-Signature")).isEmpty();
        assertThat(to.logSize()).isEqualTo(before);
        assertThat(to.stored(name)).isFalse();
        return body.get("message").asText();
    }

    private static void signedByAlice(AuthProxy at, String name, HttpResponse<String> response, String source)
            throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(AuthProxy.values(response, "Sealgate-Signature")).singleElement().asString()
                .startsWith("signer=alice; step=create; log=");
        assertThat(at.stored(name)).isTrue();
        LogEntry entry = at.entryNamedIn(AuthProxy.values(response, "Sealgate-Signature").get(0));
        assertThat(entry.userId()).isEqualTo("alice");
        assertThat(entry.authentication().source()).isEqualTo(source);
    }

    @Test
    void aValidEdDsaBearerTokenSignsAsItsUser() throws Exception {
        String token = proxy.idp.mint(proxy.idp.claims("alice", "sealgate").build(), JWSAlgorithm.EdDSA);

        HttpResponse<String> response = upload(proxy, "po-eddsa.pdf", Map.of("Authorization", "Bearer " + token));

        signedByAlice(proxy, "po-eddsa.pdf", response, "jwt");
    }

    @Test
    void aBrowserLoggedInWithAnEdDsaIdTokenSignsAsItsUser() throws Exception {
        String session = proxy.logIn("alice");

        HttpResponse<String> response = upload(proxy, "po-eddsa-login.pdf",
                Map.of("Cookie", AuthProxy.SESSION_COOKIE + "=" + session));

        signedByAlice(proxy, "po-eddsa-login.pdf", response, "oidc-session");
    }

    @Test
    void anEdDsaTokenWithABadSignatureIsRefused() throws Exception {
        assertThat(refused(proxy, "po-eddsa-sig.pdf",
                proxy.idp.mintEdDsaWithForeignKey(proxy.idp.claims("alice", "sealgate").build())))
                .isEqualTo("bearer token: signature does not verify with the issuer's key (kid 'ed-1')");
    }

    @Test
    void anEdDsaTokenNamingTheRsaKeyIsRefused() throws Exception {
        assertThat(refused(proxy, "po-eddsa-rsa.pdf", proxy.idp.mintNamingKid(
                proxy.idp.claims("alice", "sealgate").build(), JWSAlgorithm.EdDSA, "rsa-1")))
                .isEqualTo("bearer token: no key of the issuer matches its kid 'rsa-1'");
    }

    @Test
    void anRs256TokenNamingTheEd25519KeyIsRefused() throws Exception {
        assertThat(refused(proxy, "po-rs256-ed.pdf", proxy.idp.mintNamingKid(
                proxy.idp.claims("alice", "sealgate").build(), JWSAlgorithm.RS256, "ed-1")))
                .isEqualTo("bearer token: no key of the issuer matches its kid 'ed-1'");
    }

    @Test
    void anEs256TokenNamingTheEd25519KeyIsRefused() throws Exception {
        assertThat(refused(proxy, "po-es256-ed.pdf", proxy.idp.mintNamingKid(
                proxy.idp.claims("alice", "sealgate").build(), JWSAlgorithm.ES256, "ed-1")))
                .isEqualTo("bearer token: no key of the issuer matches its kid 'ed-1'");
    }

    @Test
    void aValidEdDsaTokenIsRefusedWhereOnlyRs256AndEs256AreAllowed() throws Exception {
        assertThat(refused(strict, "po-eddsa-strict.pdf",
                strict.idp.mint(strict.idp.claims("alice", "sealgate").build(), JWSAlgorithm.EdDSA)))
                .isEqualTo("bearer token: algorithm EdDSA (expected: RS256, ES256)");
    }
}
