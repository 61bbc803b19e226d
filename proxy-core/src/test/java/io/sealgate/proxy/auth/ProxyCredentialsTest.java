package io.sealgate.proxy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import io.sealgate.fixtures.documents.SampleDocuments;
import io.sealgate.proxy.testing.TestOrigin;
import io.sealgate.signing.log.LogEntry;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The authenticator wired into the real proxy: a gateway header from an address outside {@code trusted-sources} is
 * refused, step-up rules answer a weak login with the RFC 9470 challenge (for a step the signing service picks too),
 * and Sealgate's own credentials (session and login cookies, gateway headers, its bearer token) never reach the
 * upstream, on signing and pass routes alike, while the upstream's own cookies arrive byte for byte. The gateway is
 * 127.0.0.2 (a loopback address the test binds its socket to); the test's HTTP client connects from 127.0.0.1, which
 * the trusted sources do not include.
 */
class ProxyCredentialsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER_HEADER = "X-Authenticated-User";
    private static final String ROLES_HEADER = "X-Authenticated-Roles";

    @TempDir
    static Path dir;

    private static AuthProxy proxy;
    private static byte[] pdf;

    @BeforeAll
    static void start() throws Exception {
        proxy = new AuthProxy(dir, """
                trusted-header:
                  header: X-Authenticated-User
                  roles-header: X-Authenticated-Roles
                  trusted-sources: [127.0.0.2/32]
                step-up:
                  - step: approve
                    acr: [mfa]
                  - key: alice
                    amr: [hwk]
                """, null);
        pdf = SampleDocuments.PDFBOX_PURCHASE_ORDER.bytes();
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    private static Map<String, String> headers(String... pairs) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            headers.put(pairs[i], pairs[i + 1]);
        }
        return headers;
    }

    private static String jwt(String user, String acr, List<String> amr) {
        return "Bearer " + proxy.idp.mint(proxy.idp.claims(user, "sealgate").claim("acr", acr).claim("amr", amr)
                .build(), JWSAlgorithm.RS256);
    }

    private static List<TestOrigin.Recorded> originRequests(String uri) {
        return proxy.origin.requests().stream().filter(r -> r.uri().equals(uri)).toList();
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void aGatewayHeaderFromAnUntrustedAddressIsRefusedAndTheUpstreamReceivesNothing() throws Exception {
        long before = proxy.logSize();

        HttpResponse<String> response = proxy.send("PUT", "origin/signed/po-forged.pdf", headers(USER_HEADER,
                "alice", ROLES_HEADER, "manager", "Content-Type", "application/pdf"), pdf);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(json(response).get("error").asText()).isEqualTo("untrusted_header");
        assertThat(json(response).get("message").asText()).isEqualTo("X-Authenticated-User: sent from 127.0.0.1,"
                + " which is not in authentication.trusted-header.trusted-sources");
        assertThat(AuthProxy.values(response, "WWW-Authenticate"))
                .containsExactly("Bearer realm=\"sealgate\", error=\"invalid_token\"");
        assertThat(AuthProxy.values(response, "Sealgate-Signature")).isEmpty();
        assertThat(proxy.logSize()).isEqualTo(before);
        assertThat(originRequests("/origin/signed/po-forged.pdf")).isEmpty();
    }

    @Test
    void aGatewayHeaderFromATrustedAddressSignsAsItsUserAndNeverReachesTheUpstream() throws Exception {
        String response;
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress("127.0.0.2", 0));
            socket.connect(new InetSocketAddress("127.0.0.1", proxy.base.getPort()));
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /origin/signed/po-gateway.pdf HTTP/1.1\r\nHost: docs.example.com\r\n" + USER_HEADER
                    + ": bob\r\n" + ROLES_HEADER + ": auditor\r\nContent-Type: application/pdf\r\n"
                    + "Content-Length: " + pdf.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(pdf);
            out.flush();
            response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }

        assertThat(response).startsWith("HTTP/1.1 200 ");
        assertThat(response).containsPattern("(?i)\r\nSealgate-Signature: signer=bob; log=\\d+\r\n");
        LogEntry entry = proxy.entryNamedIn(response);
        assertThat(entry.userId()).isEqualTo("bob");
        assertThat(entry.authentication().source()).isEqualTo("trusted-header");
        TestOrigin.Recorded put = originRequests("/origin/signed/po-gateway.pdf").get(0);
        assertThat(put.headers().contains(USER_HEADER)).isFalse();
        assertThat(put.headers().contains(ROLES_HEADER)).isFalse();
    }

    @Test
    void ourCookiesGatewayHeadersAndTokenNeverReachTheUpstreamOfASigningRoute() throws Exception {
        HttpResponse<String> response = proxy.send("PUT", "origin/signed/po-strip.pdf", headers(
                "Authorization", "Bearer " + AuthConfigs.BOB_TOKEN, USER_HEADER, "alice", ROLES_HEADER, "admin",
                "Cookie", "saas_sid=\"a b\"; __Host-sealgate-login=abc;theme=dark",
                "Content-Type", "application/pdf"), pdf);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(AuthProxy.values(response, "Sealgate-Signature")).singleElement().asString()
                .startsWith("signer=bob; log=");
        TestOrigin.Recorded put = originRequests("/origin/signed/po-strip.pdf").get(0);
        assertThat(put.headers().getAll("Cookie")).containsExactly("saas_sid=\"a b\"; theme=dark");
        assertThat(put.headers().contains(USER_HEADER)).isFalse();
        assertThat(put.headers().contains(ROLES_HEADER)).isFalse();
        assertThat(put.headers().contains("Authorization")).isFalse();
    }

    @Test
    void ourCookiesAndGatewayHeadersNeverReachTheUpstreamOfAPassRoute() throws Exception {
        HttpResponse<String> response = proxy.send("GET", "origin/page", headers("Authorization",
                "Basic dXNlcjpwYXNz", USER_HEADER, "alice", ROLES_HEADER, "admin", "Cookie",
                "__Host-sealgate-session=s1; saas_sid=\"a b\";theme=dark; __Host-sealgate-login=l1"), null);

        assertThat(response.statusCode()).isEqualTo(200);
        TestOrigin.Recorded get = originRequests("/origin/page").get(0);
        assertThat(get.headers().getAll("Cookie")).containsExactly("saas_sid=\"a b\"; theme=dark");
        assertThat(get.headers().contains(USER_HEADER)).isFalse();
        assertThat(get.headers().contains(ROLES_HEADER)).isFalse();
        assertThat(get.headers().get("Authorization")).isEqualTo("Basic dXNlcjpwYXNz");
    }

    @Test
    void theUpstreamsOwnCookiesArriveByteForByte() throws Exception {
        proxy.send("GET", "origin/cookies", headers("Cookie", "a=1;b=\"x y\" ;  c=3"), null);

        assertThat(originRequests("/origin/cookies").get(0).headers().getAll("Cookie"))
                .containsExactly("a=1;b=\"x y\" ;  c=3");
    }

    @Test
    void forwardAuthorizationFalseStripsAuthorizationOnAPassRoute() throws Exception {
        HttpResponse<String> response = proxy.send("GET", "strict/page", headers("Authorization",
                "Basic dXNlcjpwYXNz", "Cookie", "saas_sid=1"), null);

        assertThat(response.statusCode()).isEqualTo(200);
        TestOrigin.Recorded get = originRequests("/strict/page").get(0);
        assertThat(get.headers().contains("Authorization")).isFalse();
        assertThat(get.headers().get("Cookie")).isEqualTo("saas_sid=1");
    }

    @Test
    void aKeyRuleRefusesAWeakLoginWithTheChallengeBeforeAnythingIsSigned() throws Exception {
        long before = proxy.logSize();

        HttpResponse<String> response = proxy.send("PUT", "files/po-weak.pdf", headers("Authorization",
                jwt("alice", "mfa", List.of("pwd")), "Content-Type", "application/pdf"), pdf);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(json(response).get("error").asText()).isEqualTo("insufficient_user_authentication");
        assertThat(json(response).get("message").asText()).isEqualTo("key alice needs amr hwk (got: [pwd]); log "
                + "in again as required");
        assertThat(AuthProxy.values(response, "WWW-Authenticate")).containsExactly("Bearer error=\""
                + "insufficient_user_authentication\", error_description=\"A different authentication level is "
                + "required\"");
        assertThat(proxy.logSize()).isEqualTo(before);
        assertThat(proxy.stored("po-weak.pdf")).isFalse();
    }

    @Test
    void anApprovalWhoseStepTheServicePicksNeedsTheStepsStepUp() throws Exception {
        HttpResponse<String> created = proxy.send("PUT", "files/po-step.pdf", headers("Authorization",
                jwt("alice", "mfa", List.of("pwd", "hwk")), "Content-Type", "application/pdf"), pdf);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long before = proxy.logSize();

        HttpResponse<String> weak = proxy.send("POST", "files/po-step.pdf/approve", headers("Authorization",
                jwt("bob", "pwd", List.of("pwd"))), null);

        assertThat(weak.statusCode()).as(weak.body()).isEqualTo(401);
        assertThat(json(weak).get("error").asText()).isEqualTo("insufficient_user_authentication");
        assertThat(json(weak).get("message").asText()).isEqualTo("step approve needs acr mfa (got: pwd); log in "
                + "again as required");
        assertThat(AuthProxy.values(weak, "WWW-Authenticate")).containsExactly("Bearer error=\""
                + "insufficient_user_authentication\", error_description=\"A different authentication level is "
                + "required\", acr_values=\"mfa\"");
        assertThat(AuthProxy.values(weak, "Sealgate-Signature")).isEmpty();
        assertThat(proxy.logSize()).isEqualTo(before);

        HttpResponse<String> strong = proxy.send("POST", "files/po-step.pdf/approve", headers("Authorization",
                jwt("bob", "mfa", List.of("pwd", "otp"))), null);

        assertThat(strong.statusCode()).as(strong.body()).isBetween(200, 299);
        assertThat(AuthProxy.values(strong, "Sealgate-Signature")).singleElement().asString()
                .startsWith("signer=bob; step=approve; log=");
    }
}
