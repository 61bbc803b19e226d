package io.sealgate.proxy.actions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sealgate.fixtures.documents.SampleDocuments;
import io.sealgate.proxy.testing.RawHttp;
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
        return SampleDocuments.PDFBOX_PURCHASE_ORDER.bytes();
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
    void getOnAnUploadRoutePassesThroughWithoutAToken() throws Exception {
        assertThat(Http.put(proxy.uri("files/po-get.pdf"), SigningProxy.ALICE, samplePdf(), "application/pdf")
                .statusCode()).isEqualTo(201);

        HttpResponse<byte[]> response = Http.getBytes(proxy.uri("files/po-get.pdf"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(Files.readAllBytes(proxy.stored("po-get.pdf")));
    }

    @Test
    void clientExpectingContinueGetsItBeforeSendingTheDocument() throws Exception {
        byte[] pdf = samplePdf();
        try (RawHttp client = new RawHttp(new java.net.InetSocketAddress("127.0.0.1", proxy.base.getPort()))) {
            client.send("PUT /files/po-continue.pdf HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                    + SigningProxy.ALICE + "\r\nContent-Type: application/pdf\r\nContent-Length: " + pdf.length
                    + "\r\nExpect: 100-continue\r\n\r\n");
            assertThat(client.readResponse().status()).isEqualTo(100);

            RawHttp.Response response = client.send(pdf).readResponse();

            assertThat(response.status()).isEqualTo(201);
            assertThat(response.header("Sealgate-Signature")).startsWith("signer=alice; step=create; ");
        }
    }

    @Test
    void unauthenticatedClientExpectingContinueIsAnswered401WithoutSendingTheBody() throws Exception {
        try (RawHttp client = new RawHttp(new java.net.InetSocketAddress("127.0.0.1", proxy.base.getPort()))) {
            client.send("PUT /files/po-no-continue.pdf HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\n"
                    + "Expect: 100-continue\r\n\r\n");

            RawHttp.Response response = client.readResponse();

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("Connection")).isEqualTo("close");
        }
        assertThat(proxy.stored("po-no-continue.pdf")).doesNotExist();
    }

    @Test
    void uploadWithoutTokenIsRefusedWith401AndNothingIsStored() throws Exception {
        HttpResponse<String> response = Http.put(proxy.uri("files/no-token.pdf"), null, samplePdf(),
                "application/pdf");

        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode body = new ObjectMapper().readTree(response.body());
        assertThat(body.get("error").asText()).isEqualTo("unauthenticated");
        assertThat(body.get("message").asText()).isEqualTo("this route signs as you: authenticate (expected: "
                + "Authorization: Bearer <your token>)");
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"sealgate\"");
        assertThat(proxy.stored("no-token.pdf")).doesNotExist();
    }

    @Test
    void uploadWithUnknownTokenIsRefusedWith401() throws Exception {
        HttpResponse<String> response = Http.put(proxy.uri("files/wrong-token.pdf"), "not-a-known-token-123456",
                samplePdf(), "application/pdf");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(proxy.stored("wrong-token.pdf")).doesNotExist();
    }

    @Test
    void multipartFormUploadIsStoredSignedWithTheOtherPartsIntact() throws Exception {
        String boundary = "----sealgate-test-boundary";
        byte[] pdf = samplePdf();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nbefore the file"
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"po-form.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.writeBytes(pdf);
        body.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"after\"\r\n\r\nafter the file"
                + "\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));

        HttpResponse<String> response = Http.post(proxy.uri("upload"), SigningProxy.ALICE, body.toByteArray(),
                "multipart/form-data; boundary=" + boundary);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
        assertThat(response.headers().firstValue("Sealgate-Signature").orElseThrow())
                .matches("signer=alice; step=create; log=\\d+");
        Path stored = proxy.stored("po-form.pdf");
        assertThat(Tools.pdfsig(stored)).contains("Signature Validation: Signature is Valid.");
        VerificationReport report = proxy.service.verify(stored, Optional.empty());
        assertThat(report.process().documentId()).isEqualTo("po-form.pdf");
    }

    @Test
    void otherFileIsStoredWithADetachedSignatureThatOpensslAccepts() throws Exception {
        byte[] text = "Purchase order 17: 3 chairs.\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        HttpResponse<String> response = Http.put(proxy.uri("files/po-17.txt"), SigningProxy.ALICE, text,
                "text/plain");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.headers().firstValue("Sealgate-Signature").orElseThrow())
                .matches("signer=alice; step=create; log=\\d+");
        Path stored = proxy.stored("po-17.txt");
        assertThat(Files.readAllBytes(stored)).isEqualTo(text);
        Path p7s = proxy.stored("po-17.txt.p7s");
        assertThat(p7s).exists();
        Path root = dir.resolve("root.pem");
        Files.writeString(root, "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder(64,
                new byte[] {'\n'}).encodeToString(proxy.root.getEncoded()) + "\n-----END CERTIFICATE-----\n");
        Tools.Result openssl = Tools.run(java.util.List.of("openssl", "cms", "-verify", "-binary", "-inform", "DER",
                "-in", p7s.toString(), "-content", stored.toString(), "-CAfile", root.toString(), "-purpose", "any",
                "-out", "/dev/null"));
        assertThat(openssl.exitCode()).as(openssl.output()).isZero();
        assertThat(openssl.output()).contains("Verification successful");
    }

    @Test
    void signedPdfFromElsewherePassesVerifyUploadWithTheVerdict() throws Exception {
        assertThat(Http.put(proxy.uri("files/inbound-src.pdf"), SigningProxy.ALICE, samplePdf(), "application/pdf")
                .statusCode()).isEqualTo(201);
        byte[] signed = Files.readAllBytes(proxy.stored("inbound-src.pdf"));

        HttpResponse<String> response = Http.send(java.net.http.HttpRequest.newBuilder(proxy.uri("files/inbound.pdf"))
                .header("X-Inbound", "partner").header("Content-Type", "application/pdf")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(signed)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.headers().firstValue("Sealgate-Verification"))
                .contains("incomplete; signatures=1; process=incomplete");
        assertThat(Files.readAllBytes(proxy.stored("inbound.pdf"))).isEqualTo(signed);
    }

    @Test
    void unsignedPdfIsRefusedByVerifyUploadWith422AndTheReport() throws Exception {
        HttpResponse<String> response = Http.send(java.net.http.HttpRequest.newBuilder(
                proxy.uri("files/inbound-unsigned.pdf")).header("X-Inbound", "partner")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(samplePdf())));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode report = new ObjectMapper().readTree(response.body());
        assertThat(report.get("verdict").asText()).isEqualTo("INVALID");
        assertThat(response.headers().firstValue("Sealgate-Verification")).contains("invalid; signatures=0; process=none");
        assertThat(proxy.stored("inbound-unsigned.pdf")).doesNotExist();
    }
}
