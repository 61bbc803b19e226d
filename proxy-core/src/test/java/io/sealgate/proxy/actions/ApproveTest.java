package io.sealgate.proxy.actions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** approve: fetch, stack the approval and the seal, write back, then forward the approval request. */
class ApproveTest {

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

    private static void uploadAsAlice(String name) throws Exception {
        HttpResponse<String> upload = Http.put(proxy.uri("files/" + name), SigningProxy.ALICE,
                SignUploadTest.samplePdf(), "application/pdf");
        assertThat(upload.statusCode()).isEqualTo(201);
    }

    private static HttpResponse<String> approve(String name, String token) throws Exception {
        return Http.post(proxy.uri("files/" + name + "/approve"), token, new byte[0], null);
    }

    @Test
    void approvalByManagerStacksTheApprovalAndTheSeal() throws Exception {
        uploadAsAlice("po-approve.pdf");

        HttpResponse<String> response = approve("po-approve.pdf", SigningProxy.BOB);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().allValues("Sealgate-Signature")).hasSize(2);
        assertThat(response.headers().allValues("Sealgate-Signature").get(0))
                .matches("signer=bob; step=approve; log=\\d+");
        assertThat(response.headers().allValues("Sealgate-Signature").get(1))
                .matches("signer=Acme Corp; step=org-seal; log=\\d+");
        assertThat(JSON.readTree(response.body()).get("approvals").size()).isEqualTo(1);
        Path stored = proxy.stored("po-approve.pdf");
        String pdfsig = Tools.pdfsig(stored);
        assertThat(pdfsig).contains("Signature #3").doesNotContain("Signature #4");
        assertThat(countOf(pdfsig, "Signature Validation: Signature is Valid.")).isEqualTo(3);
        VerificationReport report = proxy.service.verify(stored, Optional.empty());
        assertThat(report.verdict()).isEqualTo(Verdict.VALID);
        assertThat(report.process().status()).isEqualTo("FOLLOWED_COMPLETE");
    }

    @Test
    void approvalByARequesterIsRefusedWith403AndNothingIsWritten() throws Exception {
        uploadAsAlice("po-wrong-user.pdf");
        byte[] before = Files.readAllBytes(proxy.stored("po-wrong-user.pdf"));

        HttpResponse<String> response = approve("po-wrong-user.pdf", SigningProxy.CAROL);

        assertThat(response.statusCode()).isEqualTo(403);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").asText()).isEqualTo("not-your-step");
        assertThat(Files.readAllBytes(proxy.stored("po-wrong-user.pdf"))).isEqualTo(before);
        assertThat(approvalsOf("po-wrong-user.pdf")).isZero();
    }

    @Test
    void secondApprovalIsRefusedWith409AndNothingIsWritten() throws Exception {
        uploadAsAlice("po-twice.pdf");
        HttpResponse<String> first = approve("po-twice.pdf", SigningProxy.BOB);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        byte[] before = Files.readAllBytes(proxy.stored("po-twice.pdf"));

        HttpResponse<String> response = approve("po-twice.pdf", SigningProxy.BOB);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("process-complete");
        assertThat(Files.readAllBytes(proxy.stored("po-twice.pdf"))).isEqualTo(before);
        assertThat(approvalsOf("po-twice.pdf")).isEqualTo(1);
    }

    @Test
    void documentModifiedSinceSigningIsRefusedWith409() throws Exception {
        uploadAsAlice("po-modified.pdf");
        byte[] signed = Files.readAllBytes(proxy.stored("po-modified.pdf"));
        byte[] modified = tamper(signed);
        var put = Http.put(proxy.saas.baseUri().resolve("files/po-modified.pdf"), null, modified, "application/pdf");
        assertThat(put.statusCode()).isEqualTo(204);

        HttpResponse<String> response = approve("po-modified.pdf", SigningProxy.BOB);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("document_modified");
        assertThat(Files.readAllBytes(proxy.stored("po-modified.pdf"))).isEqualTo(modified);
        assertThat(approvalsOf("po-modified.pdf")).isZero();
    }

    @Test
    void approvalWithoutTokenIsRefusedWith401() throws Exception {
        uploadAsAlice("po-anonymous.pdf");

        HttpResponse<String> response = approve("po-anonymous.pdf", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(approvalsOf("po-anonymous.pdf")).isZero();
    }

    @Test
    void approvalOfAnotherFileCounterSignsItsP7sAndLeavesTheFileAlone() throws Exception {
        byte[] text = "Purchase order 18: 2 desks.\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(Http.put(proxy.uri("files/po-18.txt"), SigningProxy.ALICE, text, "text/plain").statusCode())
                .isEqualTo(201);
        byte[] p7sBefore = Files.readAllBytes(proxy.stored("po-18.txt.p7s"));

        HttpResponse<String> response = approve("po-18.txt", SigningProxy.BOB);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().allValues("Sealgate-Signature")).hasSize(2);
        assertThat(Files.readAllBytes(proxy.stored("po-18.txt"))).isEqualTo(text);
        Path p7s = proxy.stored("po-18.txt.p7s");
        assertThat(Files.readAllBytes(p7s)).isNotEqualTo(p7sBefore);
        VerificationReport report = proxy.service.verify(p7s, Optional.of(proxy.stored("po-18.txt")));
        assertThat(report.verdict()).isEqualTo(Verdict.VALID);
        assertThat(report.signatures()).hasSize(3);
    }

    static int approvalsOf(String name) throws Exception {
        JsonNode files = JSON.readTree(Http.get(proxy.saas.baseUri().resolve("files")).body());
        for (JsonNode file : files) {
            if (file.get("name").asText().equals(name)) {
                return file.get("approvals").size();
            }
        }
        throw new AssertionError(name + " is not stored");
    }

    private static int countOf(String text, String part) {
        return (text.length() - text.replace(part, "").length()) / part.length();
    }

    /**
     * Changes one byte of the binary comment on the PDF's second line: the file stays a readable PDF, but the bytes
     * every signature covers are no longer the ones signed.
     */
    static byte[] tamper(byte[] pdf) {
        byte[] out = pdf.clone();
        int comment = new String(pdf, 0, 64, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("\n%") + 2;
        assertThat(out[comment] & 0x80).as("a binary comment byte").isNotZero();
        out[comment] ^= 0x01;
        return out;
    }
}
