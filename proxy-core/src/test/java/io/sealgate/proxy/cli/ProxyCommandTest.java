package io.sealgate.proxy.cli;

import io.sealgate.fixtures.saas.FixtureSaas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ProxyCommandTest {
    private final HttpClient client = HttpClient.newHttpClient();

    @TempDir
    Path storage;

    @Test
    void passesUploadsAndDownloadsThroughToTheUpstreamUntilStopped() throws Exception {
        try (FixtureSaas saas = FixtureSaas.start(storage, new InetSocketAddress("127.0.0.1", 0))) {
            CliRun run = CliRun.start("proxy", "--listen", "127.0.0.1:0", "--to", saas.baseUri().toString());
            URI proxy = URI.create(run.awaitOutput("sealgate: proxying (http://\\S+/) -> "));

            HttpResponse<String> put = client.send(HttpRequest.newBuilder(proxy.resolve("/files/note.txt"))
                    .PUT(HttpRequest.BodyPublishers.ofString("through the proxy")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> get = client.send(HttpRequest.newBuilder(saas.baseUri().resolve("/files/note.txt"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(proxy.resolve("/.sealgate/health"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(put.statusCode()).isEqualTo(201);
            assertThat(get.body()).isEqualTo("through the proxy");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(run.stop()).isEqualTo(0);
        }
    }

    @Test
    void listenAddressWithoutPortIsAUsageError() throws Exception {
        CliRun run = CliRun.complete("proxy", "--listen", "localhost", "--to", "http://127.0.0.1:9000");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("sealgate: --listen: localhost (expected: HOST:PORT with a port 0-65535,"
                + " like 127.0.0.1:8080 or [::1]:8080) (see 'sealgate proxy --help')\n");
    }

    @Test
    void upstreamThatIsNotAnHttpUrlIsAUsageError() throws Exception {
        CliRun run = CliRun.complete("proxy", "--listen", "127.0.0.1:0", "--to", "ftp://files.example.com");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("sealgate: --to: ftp://files.example.com (expected: an http:// or https://"
                + " URL without query, like http://127.0.0.1:9000) (see 'sealgate proxy --help')\n");
    }

    @Test
    void missingUpstreamIsAUsageError() throws Exception {
        CliRun run = CliRun.complete("proxy", "--listen", "127.0.0.1:0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("sealgate: Missing required option: '--to=URL' (see 'sealgate proxy --help')\n");
    }

    @Test
    void portInUseFailsWithExit1AndOneLineNamingTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CliRun run = CliRun.complete("proxy", "--listen", "127.0.0.1:" + taken.getLocalPort(),
                    "--to", "http://127.0.0.1:9");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err().lines()).hasSize(1);
            assertThat(run.err()).startsWith("sealgate: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ")
                    .endsWith("Address already in use\n");
        }
    }
}
