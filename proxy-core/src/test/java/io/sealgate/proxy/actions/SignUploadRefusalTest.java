package io.sealgate.proxy.actions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sealgate.fixtures.documents.SampleDocuments;
import io.sealgate.signing.log.DeliveryStatus;
import io.sealgate.signing.log.LogLeaf;
import io.sealgate.signing.log.StatusChange;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sign-upload refusals: each answers with a status and code, and the upstream holds nothing new. The token is
 * pulled in the last test: SoftHSM does not give a pulled token back to a running process.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignUploadRefusalTest {

    @TempDir
    static Path dir;
    static SigningProxy proxy;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        proxy = new SigningProxy(dir);
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    private static JsonNode error(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void bodyDeclaredLargerThanTheLimitIsRefusedWith413() throws Exception {
        byte[] big = new byte[(int) SigningProxy.MAX_DOCUMENT_BYTES + 1];

        HttpResponse<String> response = Http.put(proxy.uri("files/big.pdf"), SigningProxy.ALICE, big,
                "application/pdf");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(error(response).get("error").asText()).isEqualTo("too_large");
        assertThat(error(response).get("message").asText()).isEqualTo("request body: 1048577 bytes (expected: at "
                + "most 1048576 bytes, signing.max-document-size)");
        assertThat(proxy.stored("big.pdf")).doesNotExist();
    }

    @Test
    void chunkedBodyGrowingPastTheLimitIsRefusedWith413() throws Exception {
        byte[] big = new byte[(int) SigningProxy.MAX_DOCUMENT_BYTES + 65536];
        HttpRequest request = HttpRequest.newBuilder(proxy.uri("files/big-chunked.pdf"))
                .header("Authorization", "Bearer " + SigningProxy.ALICE)
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .timeout(Duration.ofSeconds(60)).build();

        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(error(response).get("message").asText()).isEqualTo("request body: more than 1048576 bytes "
                + "(expected: at most 1048576 bytes, signing.max-document-size)");
        assertThat(proxy.stored("big-chunked.pdf")).doesNotExist();
    }

    @Test
    void malformedPdfIsRefusedWith422() throws Exception {
        byte[] broken = "%PDF-1.7\nthis is not a PDF body at all\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

        HttpResponse<String> response = Http.put(proxy.uri("files/broken.pdf"), SigningProxy.ALICE, broken,
                "application/pdf");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(error(response).get("error").asText()).isEqualTo("document_rejected");
        assertThat(error(response).get("message").asText()).contains("broken.pdf").doesNotContain("upload-");
        assertThat(proxy.stored("broken.pdf")).doesNotExist();
    }

    @Test
    void encryptedPdfIsRefusedWith422() throws Exception {
        byte[] encrypted;
        encrypted = SampleDocuments.ENCRYPTED.bytes();

        HttpResponse<String> response = Http.put(proxy.uri("files/encrypted.pdf"), SigningProxy.ALICE, encrypted,
                "application/pdf");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(error(response).get("error").asText()).isEqualTo("document_rejected");
        assertThat(proxy.stored("encrypted.pdf")).doesNotExist();
    }

    @Test
    void uploadByAUserTheProcessDoesNotAllowIsRefusedWith403() throws Exception {
        HttpResponse<String> response = Http.put(proxy.uri("files/by-bob.pdf"), SigningProxy.BOB,
                SignUploadTest.samplePdf(), "application/pdf");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(error(response).get("error").asText()).isEqualTo("not-your-step");
        assertThat(proxy.stored("by-bob.pdf")).doesNotExist();
    }

    @Test
    void upstreamDownAfterSigningIsAnswered502AndTheSignatureMarkedUndelivered() throws Exception {
        long before = proxy.service.log().size();

        HttpResponse<String> response = Http.put(proxy.uri("dead/po.pdf"), SigningProxy.ALICE,
                SignUploadTest.samplePdf(), "application/pdf");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
        assertThat(error(response).get("error").asText()).isEqualTo("upstream_unavailable");
        assertThat(error(response).get("message").asText()).startsWith("upstream 'dead' (http://127.0.0.1:")
                .endsWith(") is unavailable: connection refused");
        List<LogLeaf> leaves = awaitLeaves(before, 2);
        assertThat(leaves.get(1)).isInstanceOfSatisfying(StatusChange.class, change -> {
            assertThat(change.entryIndex()).isEqualTo(before);
            assertThat(change.status()).isEqualTo(DeliveryStatus.UPSTREAM_FAILED);
        });
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void tokenUnavailableIsAnswered503WhilePassRoutesKeepWorking() throws Exception {
        proxy.hsm.remove();
        try {
            HttpResponse<String> response = Http.put(proxy.uri("files/no-token.pdf"), SigningProxy.ALICE,
                    SignUploadTest.samplePdf(), "application/pdf");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(error(response).get("error").asText()).isEqualTo("signing_unavailable");
            assertThat(response.headers().firstValue("Retry-After")).contains("5");
            assertThat(proxy.stored("no-token.pdf")).doesNotExist();
            assertThat(Http.get(proxy.uri("files")).statusCode()).isEqualTo(200);
        } finally {
            proxy.hsm.restore();
        }
    }

    /** The status change is appended on the signing executor after the answer: wait for it (bounded). */
    private static List<LogLeaf> awaitLeaves(long from, int count) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (proxy.service.log().size() >= from + count) {
                return proxy.service.log().entries(from, from + count);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the log did not grow to " + (from + count) + " leaves");
    }

}
