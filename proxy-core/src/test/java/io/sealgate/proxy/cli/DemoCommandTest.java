package io.sealgate.proxy.cli;

import io.sealgate.config.ConfigLoader;
import io.sealgate.config.SealgateConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DemoCommandTest {
    private final HttpClient client = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void servesHealthAndTheDocumentPageThroughTheProxyThenStops() throws Exception {
        CliRun run = CliRun.start("demo", "--port", "0", "--data-dir", dataDir.toString());
        URI proxy = URI.create(run.awaitOutput("Documents \\(web page, through Sealgate\\): +(http://\\S+/)"));
        run.awaitOutput("# approve it as alice");

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
    void printsCopyPasteCommandsForUploadListDownloadAndApprove() throws Exception {
        try (CliRun run = CliRun.start("demo", "--port", "0", "--data-dir", dataDir.toString())) {
            String base = run.awaitOutput("Documents \\(web page, through Sealgate\\): +(http://\\S+/)");
            run.awaitOutput("# approve it as alice");

            assertThat(run.out()).contains(
                    "  curl -T contract.pdf " + base + "files/contract.pdf\n",
                    "  curl " + base + "files\n",
                    "  curl -o copy.pdf " + base + "files/contract.pdf\n",
                    "  curl -X POST -H 'X-User: alice' " + base + "files/contract.pdf/approve\n",
                    "Health:                                  " + base + ".sealgate/health\n",
                    "Metrics:                                 " + base + ".sealgate/metrics\n");
        }
    }

    @Test
    void writesACommentedConfigThatTheLoaderAccepts() throws Exception {
        try (CliRun run = CliRun.start("demo", "--port", "0", "--data-dir", dataDir.toString())) {
            run.awaitOutput("# approve it as alice");

            Path file = dataDir.resolve("sealgate.yaml");
            SealgateConfig config = ConfigLoader.builder().build().load(file);

            assertThat(Files.readString(file)).startsWith("# Sealgate demo config");
            assertThat(config.routes()).hasSize(1);
            assertThat(config.upstreams().get("saas").baseUrl().getHost()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void uploadThroughTheProxyLandsInTheDemoStorage() throws Exception {
        try (CliRun run = CliRun.start("demo", "--port", "0", "--data-dir", dataDir.toString())) {
            URI proxy = URI.create(run.awaitOutput("Documents \\(web page, through Sealgate\\): +(http://\\S+/)"));

            HttpResponse<String> put = client.send(HttpRequest.newBuilder(proxy.resolve("/files/contract.pdf"))
                    .PUT(HttpRequest.BodyPublishers.ofString("%PDF-1.7")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(put.statusCode()).isEqualTo(201);
            assertThat(dataDir.resolve("saas/files/contract.pdf")).hasContent("%PDF-1.7");
        }
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
