package io.sealgate.proxy.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sealgate.config.SealgateConfig;
import io.sealgate.config.SigningSettings;
import io.sealgate.proxy.SealgateServer;
import io.sealgate.proxy.cli.Main;
import io.sealgate.proxy.cli.StopSignal;
import io.sealgate.proxy.testing.RawHttp;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /.sealgate/verify} over a real socket: raw and multipart uploads, the report (the same JSON as
 * {@code sealgate verify --json}), the limits and every refusal. The server has a token but no signing routes, so
 * the verify API trusts the token's dev CA root on its own.
 */
class VerifyApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static SignedDocuments docs;
    private static SealgateServer server;
    private static InetSocketAddress address;
    private static URI verifyUrl;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        docs = SignedDocuments.get();
        server = SealgateServer.start(withMaxDocumentSize(docs.loaded, 1024 * 1024));
        address = server.boundAddresses().get(0);
        verifyUrl = URI.create("http://127.0.0.1:" + address.getPort() + "/.sealgate/verify");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void rawPdfIsAnsweredWithTheReportOfSealgateVerifyJson() throws Exception {
        HttpResponse<String> response = post(verifyUrl.resolve("verify?name=po-17.pdf"), "application/pdf",
                Files.readAllBytes(docs.approved));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        JsonNode http = JSON.readTree(response.body());
        JsonNode cli = JSON.readTree(sealgateVerifyJson(docs.approved));
        ((com.fasterxml.jackson.databind.node.ObjectNode) http).remove("verifiedAt");
        ((com.fasterxml.jackson.databind.node.ObjectNode) cli).remove("verifiedAt");
        ((com.fasterxml.jackson.databind.node.ObjectNode) cli).put("document", "po-17.pdf");
        assertThat(http).isEqualTo(cli);
        assertThat(http.get("verdict").asText()).isEqualTo("VALID");
        assertThat(http.get("signatures")).hasSize(3);
        assertThat(http.get("process").get("status").asText()).isEqualTo("FOLLOWED_COMPLETE");
    }

    @Test
    void multipartUploadIsVerifiedUnderTheNameOfItsFilePart() throws Exception {
        HttpResponse<String> response = postMultipart(Part.file("file", "po-17-created.pdf",
                Files.readAllBytes(docs.created)), Part.field("note", "ignored"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = JSON.readTree(response.body());
        assertThat(report.get("document").asText()).isEqualTo("po-17-created.pdf");
        assertThat(report.get("verdict").asText()).isEqualTo("INCOMPLETE");
        assertThat(report.get("process").get("pendingSteps").toString()).isEqualTo("[\"approve\",\"org-seal\"]");
    }

    @Test
    void detachedSignatureIsVerifiedWithTheContentPart() throws Exception {
        HttpResponse<String> response = postMultipart(
                Part.file("file", "po-18.csv.p7s", Files.readAllBytes(docs.csvSignature)),
                Part.file("content", "po-18.csv", Files.readAllBytes(docs.csv)));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = JSON.readTree(response.body());
        assertThat(report.get("document").asText()).isEqualTo("po-18.csv.p7s");
        assertThat(report.get("format").asText()).isEqualTo("CADES");
        assertThat(report.get("verdict").asText()).isEqualTo("VALID");
        assertThat(report.get("sha256").asText()).isEqualTo(sha256(docs.csv));
    }

    @Test
    void detachedSignatureWithoutContentIsRefusedWith422() throws Exception {
        HttpResponse<String> response = postMultipart(
                Part.file("file", "po-18.csv.p7s", Files.readAllBytes(docs.csvSignature)));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(response.body()).get("message").asText()).isEqualTo("cannot verify po-18.csv.p7s: "
                + "the signature is detached: supply the signed content (the multipart/form-data part 'content')");
    }

    @Test
    void multipartPreambleIsSkippedAndAClientPathIsCutToTheFileName() throws Exception {
        String boundary = "b0und4ry";
        byte[] head = ("This is the preamble.\r\n--" + boundary + "\r\nContent-Type: application/pdf\r\n"
                + "Content-Disposition: form-data; filename=\"C:\\\\Users\\\\ann\\\\po-17.pdf\"; name=file\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\nepilogue").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(head);
        body.write(Files.readAllBytes(docs.approved));
        body.write(tail);

        HttpResponse<String> response = post(verifyUrl, "multipart/form-data; boundary=\"" + boundary + "\"",
                body.toByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = JSON.readTree(response.body());
        assertThat(report.get("document").asText()).isEqualTo("po-17.pdf");
        assertThat(report.get("sha256").asText()).isEqualTo(sha256(docs.approved));
    }

    @Test
    void clientExpectingContinueGetsItBeforeSendingTheDocument() throws Exception {
        byte[] pdf = Files.readAllBytes(docs.created);
        try (RawHttp client = new RawHttp(address)) {
            RawHttp.Response interim = client.send(("POST /.sealgate/verify HTTP/1.1\r\nHost: x\r\n"
                    + "Expect: 100-continue\r\nContent-Length: " + pdf.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1)).readResponse();
            assertThat(interim.status()).isEqualTo(100);

            RawHttp.Response report = client.send(pdf).readResponse();
            assertThat(report.status()).isEqualTo(200);
            assertThat(JSON.readTree(report.body()).get("verdict").asText()).isEqualTo("INCOMPLETE");
        }
    }

    @Test
    void chunkedUploadIsVerifiedLikeAnyOther() throws Exception {
        byte[] pdf = Files.readAllBytes(docs.tampered);
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(verifyUrl)
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(pdf)))
                        .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = JSON.readTree(response.body());
        assertThat(report.get("document").asText()).isEqualTo("document");
        assertThat(report.get("verdict").asText()).isEqualTo("INVALID");
        assertThat(report.get("signatures").get(0).get("status").asText()).isEqualTo("INVALID");
    }

    @Test
    void documentAboveTheLimitIsRefusedWith413BeforeItIsRead() throws Exception {
        try (RawHttp client = new RawHttp(address)) {
            RawHttp.Response response = client.send("POST /.sealgate/verify HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Length: 1048577\r\n\r\n").readResponse();

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.header("connection")).isEqualTo("close");
            assertThat(response.bodyText()).contains("\"error\":\"too_large\"", "\"message\":\"the request body: "
                    + "1048577 bytes (expected: at most 1048576)\"");
        }
    }

    @Test
    void chunkedDocumentAboveTheLimitIsRefusedWith413WhileItArrives() throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(verifyUrl)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        new byte[2 * 1024 * 1024]))).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("connection")).contains("close");
        assertThat(JSON.readTree(response.body()).get("message").asText())
                .matches("the request body: \\d+ bytes \\(expected: at most 1048576\\)");
    }

    @Test
    void fileThatIsNeitherPdfNorSignatureIsRefusedWith422() throws Exception {
        HttpResponse<String> response = post(verifyUrl.resolve("verify?name=notes.txt"), "text/plain",
                "just text".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").asText()).isEqualTo("unprocessable_document");
        assertThat(body.get("message").asText()).isEqualTo("cannot verify notes.txt: not a CMS signature: "
                + "IOException reading content.");
    }

    @Test
    void multipartWithoutFilePartIsRefusedWith400() throws Exception {
        HttpResponse<String> response = postMultipart(Part.field("note", "no document"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("message").asText()).isEqualTo("multipart body: no part "
                + "named 'file' (expected: the document in the part 'file', and for a detached .p7s its content in "
                + "the part 'content')");
    }

    @Test
    void multipartWithoutBoundaryIsRefusedWith400() throws Exception {
        HttpResponse<String> response = post(verifyUrl, "multipart/form-data", "x".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("message").asText())
                .isEqualTo("Content-Type: multipart/form-data without a boundary parameter");
    }

    @Test
    void truncatedMultipartIsRefusedWith400() throws Exception {
        HttpResponse<String> response = post(verifyUrl, "multipart/form-data; boundary=XyZ",
                ("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.7 cut")
                        .getBytes(StandardCharsets.ISO_8859_1));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("message").asText())
                .isEqualTo("multipart part 1: no closing boundary delimiter (the upload is truncated)");
    }

    @Test
    void emptyBodyIsRefusedWith400() throws Exception {
        HttpResponse<String> response = post(verifyUrl, "application/pdf", new byte[0]);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("message").asText()).isEqualTo("no document in the request "
                + "body (expected: a PDF or a .p7s signature, as the body or as the multipart/form-data part 'file')");
    }

    @Test
    void otherMethodsAreRefusedWith405NamingTheAllowedOnes() throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(verifyUrl)
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("allow")).contains("GET, HEAD, POST");
        assertThat(JSON.readTree(response.body()).get("message").asText())
                .isEqualTo("method: PUT (expected: GET, HEAD, POST for verify)");
    }

    @Test
    void keepAliveConnectionServesTheNextRequestAfterAReport() throws Exception {
        byte[] pdf = Files.readAllBytes(docs.created);
        try (RawHttp client = new RawHttp(address)) {
            client.send(("POST /.sealgate/verify HTTP/1.1\r\nHost: x\r\nContent-Length: " + pdf.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1)).send(pdf);
            assertThat(client.readResponse().status()).isEqualTo(200);

            RawHttp.Response health = client.send("GET /.sealgate/health HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
            assertThat(health.status()).isEqualTo(200);
        }
    }

    @Test
    void spoolFilesAreDeletedOnceAnswered() throws Exception {
        post(verifyUrl, "application/pdf", Files.readAllBytes(docs.created));
        postMultipart(Part.file("file", "a.pdf", Files.readAllBytes(docs.created)));

        try (Stream<Path> files = Files.list(docs.loaded.signing().spoolDir())) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void spoolFileIsDeletedWhenTheClientGoesAwayMidUpload() throws Exception {
        try (RawHttp client = new RawHttp(address)) {
            client.send("POST /.sealgate/verify HTTP/1.1\r\nHost: x\r\nContent-Length: 500000\r\n\r\n")
                    .send(new byte[200_000]);
            awaitSpoolFiles(1);
        }

        awaitSpoolFiles(0);
    }

    @Test
    void withoutTrustAnchorsEveryChainIsReportedUntrusted() throws Exception {
        SealgateConfig bare = new SealgateConfig(Optional.empty(), SealgateConfig.DEFAULT_RESERVED_PREFIX,
                docs.loaded.server(), docs.loaded.listeners(), docs.loaded.upstreams(), docs.loaded.routes(),
                Optional.empty());
        try (SealgateServer untrusting = SealgateServer.start(bare)) {
            URI url = URI.create("http://127.0.0.1:" + untrusting.boundAddresses().get(0).getPort()
                    + "/.sealgate/verify");
            HttpResponse<String> response = post(url, "application/pdf", Files.readAllBytes(docs.approved));

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode report = JSON.readTree(response.body());
            assertThat(report.get("verdict").asText()).isEqualTo("INVALID");
            assertThat(report.get("signatures").get(0).get("status").asText()).isEqualTo("INDETERMINATE");
            assertThat(response.body()).contains("no trust anchor is configured");
        }
    }

    /** Waits until the spool directory holds {@code count} files; fails after 30 s. */
    private static void awaitSpoolFiles(long count) throws Exception {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(30);
        while (true) {
            try (Stream<Path> files = Files.list(docs.loaded.signing().spoolDir())) {
                long n = files.count();
                if (n == count) {
                    return;
                }
                assertThat(java.time.Instant.now()).as("spool files: %d (expected: %d)", n, count)
                        .isBefore(deadline);
            }
            Thread.sleep(20);
        }
    }

    static SealgateConfig withMaxDocumentSize(SealgateConfig c, long bytes) {
        SigningSettings s = c.signing();
        SigningSettings limited = new SigningSettings(s.level(), s.tsa(), s.revocation(), s.threads(), s.queue(),
                s.deadline(), s.spoolDir(), bytes, s.trust());
        return new SealgateConfig(c.source(), c.reservedPrefix(), c.server(), c.listeners(), c.upstreams(),
                c.routes(), c.token(), c.organisation(), limited, c.log(), c.users(), c.processes(), c.keyRules());
    }

    private static String sealgateVerifyJson(Path file) {
        StringWriter out = new StringWriter();
        int code = Main.run(new String[] {"verify", file.toString(), "--trust", docs.root.toString(), "--offline",
                "--json"}, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), new StopSignal());
        assertThat(code).isZero();
        return out.toString();
    }

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(file)));
    }

    private static HttpResponse<String> post(URI url, String contentType, byte[] body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(url).timeout(java.time.Duration.ofMinutes(1))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> postMultipart(Part... parts) throws Exception {
        String boundary = "----sealgate-test-7d1f";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Part part : parts) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.name() + "\""
                    + (part.fileName() == null ? "" : "; filename=\"" + part.fileName() + "\"")
                    + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(part.bytes());
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return post(verifyUrl, "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    private record Part(String name, String fileName, byte[] bytes) {
        static Part file(String name, String fileName, byte[] bytes) {
            return new Part(name, fileName, bytes);
        }

        static Part field(String name, String value) {
            return new Part(name, null, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
