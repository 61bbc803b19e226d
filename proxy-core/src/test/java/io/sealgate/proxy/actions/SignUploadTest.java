package io.sealgate.proxy.actions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sealgate.fixtures.documents.SampleDocuments;
import io.sealgate.signing.verify.Verdict;
import io.sealgate.signing.verify.VerificationReport;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sign-upload over REST: the fixture SaaS stores the signed document, never the original. */
class SignUploadTest {

    @TempDir
    static Path dir;
    static SigningProxy proxy;

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

    static byte[] samplePdf() throws Exception {
        try (var in = SampleDocuments.PDFBOX_PURCHASE_ORDER.open()) {
            return in.readAllBytes();
        }
    }

    @Test
    void pdfPutAsAliceIsStoredSignedByAlice() throws Exception {
        HttpResponse<String> response = Http.put(proxy.uri("files/po-1.pdf"), SigningProxy.ALICE, samplePdf(),
                "application/pdf");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().allValues("Sealgate-Signature")).hasSize(1);
        assertThat(response.headers().firstValue("Sealgate-Signature").orElseThrow())
                .matches("signer=alice; step=create; log=\\d+");
        Path stored = proxy.stored("po-1.pdf");
        assertThat(Files.size(stored)).isGreaterThan(samplePdf().length);
        assertThat(Tools.pdfsig(stored)).contains("Signature #1").contains("Signature Validation: Signature is Valid.")
                .doesNotContain("Signature #2");
        VerificationReport report = proxy.service.verify(stored, Optional.empty());
        assertThat(report.verdict()).isEqualTo(Verdict.INCOMPLETE);
        assertThat(report.signatures()).hasSize(1);
        assertThat(report.process().stepsDone()).containsExactly("create: alice (Acme Corp)");
    }

    @Test
    void uploadWithoutTokenIsRefusedWith401AndNothingIsStored() throws Exception {
        HttpResponse<String> response = Http.put(proxy.uri("files/no-token.pdf"), null, samplePdf(),
                "application/pdf");

        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode body = new ObjectMapper().readTree(response.body());
        assertThat(body.get("error").asText()).isEqualTo("unauthenticated");
        assertThat(body.get("message").asText()).isEqualTo("route 'upload' signs as you: send Authorization: "
                + "Bearer <your token> (expected: the token of a user under users:)");
        assertThat(proxy.stored("no-token.pdf")).doesNotExist();
    }

    @Test
    void uploadWithUnknownTokenIsRefusedWith401() throws Exception {
        HttpResponse<String> response = Http.put(proxy.uri("files/wrong-token.pdf"), "not-a-known-token-123456",
                samplePdf(), "application/pdf");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(proxy.stored("wrong-token.pdf")).doesNotExist();
    }
}
