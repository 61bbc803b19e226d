package io.sealgate.proxy.cli;

import io.sealgate.config.ConfigLoader;
import io.sealgate.config.RouteConfig;
import io.sealgate.config.SealgateConfig;
import io.sealgate.fixtures.documents.SampleDocuments;
import io.sealgate.policy.ProcessTemplates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DemoCommandTest {
    private final HttpClient client = HttpClient.newHttpClient();

    // One data directory, so one demo token, for the class: a new SoftHSM token makes the key vault re-initialise the
    // PKCS#11 module, which invalidates the sessions of every other vault open in this JVM.
    @TempDir
    static Path dataDir;

    @Test
    void servesHealthAndTheDocumentPageThroughTheProxyThenStops() throws Exception {
        CliRun run = CliRun.start("demo", "--port", "0", "--data-dir", dataDir.toString());
        URI proxy = URI.create(run.awaitOutput("Documents \\(web page, through Sealgate\\): +(http://\\S+/)"));
        run.awaitOutput("# or play all of this at once");

        HttpResponse<String> health = get(proxy.resolve("/.sealgate/health"));
        HttpResponse<String> page = get(proxy);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"ok\"");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Documents</h1>");
        assertThat(run.stop()).isEqualTo(0);
        assertThat(run.out()).endsWith("Stopping the demo.\n");
    }

    @Test
    void printsTheUsersTokensAndCopyPasteCommands() throws Exception {
        try (CliRun run = CliRun.start("demo", "--port", "0", "--data-dir", dataDir.toString())) {
            String base = run.awaitOutput("Documents \\(web page, through Sealgate\\): +(http://\\S+/)");
            run.awaitOutput("# or play all of this at once");
            String alice = Files.readString(dataDir.resolve("users/alice.token")).strip();
            String bob = Files.readString(dataDir.resolve("users/bob.token")).strip();

            assertThat(alice).hasSize(32).isNotEqualTo(bob);
            assertThat(run.out()).contains(
                    "  alice (requester, creates purchase orders):  " + alice + "\n",
                    "  bob   (manager, approves them):              " + bob + "\n",
                    "  curl -T purchase-order.pdf -H 'Authorization: Bearer " + alice + "' " + base
                            + "files/purchase-order.pdf\n",
                    "  curl -X POST -H 'Authorization: Bearer " + bob + "' " + base
                            + "files/purchase-order.pdf/approve\n",
                    "  curl " + base + "files\n",
                    "Health:                                  " + base + ".sealgate/health\n",
                    "Metrics:                                 " + base + ".sealgate/metrics\n");
        }
    }

    @Test
    void writesACommentedConfigThatTheLoaderAccepts() throws Exception {
        try (CliRun run = CliRun.start("demo", "--port", "0", "--data-dir", dataDir.toString())) {
            run.awaitOutput("# or play all of this at once");

            Path file = dataDir.resolve("sealgate.yaml");
            SealgateConfig config = ConfigLoader.builder().validator(ProcessTemplates::validate).build().load(file);

            assertThat(Files.readString(file)).startsWith("# Sealgate demo config");
            assertThat(config.routes()).extracting(RouteConfig::name)
                    .containsExactly("upload", "form-upload", "approve", "everything");
            assertThat(config.upstreams().get("saas").baseUrl().getHost()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void uploadAsAliceThroughTheProxyIsStoredSigned() throws Exception {
        try (CliRun run = CliRun.start("demo", "--port", "0", "--data-dir", dataDir.toString())) {
            URI proxy = URI.create(run.awaitOutput("Documents \\(web page, through Sealgate\\): +(http://\\S+/)"));
            run.awaitOutput("# or play all of this at once");
            String alice = Files.readString(dataDir.resolve("users/alice.token")).strip();
            byte[] pdf;
            pdf = SampleDocuments.PDFBOX_PURCHASE_ORDER.bytes();

            HttpResponse<String> put = client.send(HttpRequest.newBuilder(proxy.resolve("/files/po.pdf"))
                    .header("Authorization", "Bearer " + alice)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(pdf)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
            assertThat(put.headers().firstValue("Sealgate-Signature").orElseThrow()).startsWith("signer=alice; ");
            String stored = Files.readString(dataDir.resolve("saas/files/po.pdf"), StandardCharsets.ISO_8859_1);
            assertThat(stored).startsWith("%PDF-").contains("/ByteRange");
        }
    }

    @Test
    void scriptPlaysTheStoryAndLeavesAVerifiedPurchaseOrder() throws Exception {
        CliRun run = CliRun.complete("demo", "--script", "--port", "0", "--data-dir", dataDir.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("1. alice uploads purchase-order.pdf", "2. bob approves it",
                "Sealgate-Signature: signer=bob; step=approve; ",
                "Sealgate-Signature: signer=Demo Corp; step=org-seal; ");
        assertThat(dataDir.resolve("out/purchase-order.pdf")).exists();
        assertThat(dataDir.resolve("trust/root.pem")).content().startsWith("-----BEGIN CERTIFICATE-----");
        CliRun verify = CliRun.complete("verify", dataDir.resolve("out/purchase-order.pdf").toString(), "--trust",
                dataDir.resolve("trust/root.pem").toString(), "--offline");
        assertThat(verify.exitCode()).as(verify.out()).isZero();
        assertThat(verify.out()).startsWith("VALID: all 3 signatures are valid");
    }

    @Test
    void takenPortFailsWithExit1AndSuggestsAnotherPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CliRun run = CliRun.complete("demo", "--port", Integer.toString(taken.getLocalPort()),
                    "--data-dir", dataDir.toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err().lines()).hasSize(1);
            assertThat(run.err()).startsWith("sealgate: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ")
                    .endsWith("Address already in use (expected: a free port; choose one with --port N)\n");
        }
    }

    @Test
    void negativePortIsAUsageError() throws Exception {
        CliRun run = CliRun.complete("demo", "--port", "-1", "--data-dir", dataDir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("sealgate: --port: -1 (expected: 0-65535) (see 'sealgate demo --help')\n");
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
