package io.sealgate.proxy.cli;

import io.sealgate.fixtures.saas.FixtureSaas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ServeCommandTest {
    private final HttpClient client = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void servesTheConfiguredRoutesUntilStopped() throws Exception {
        try (FixtureSaas saas = FixtureSaas.start(dir.resolve("saas"), new InetSocketAddress("127.0.0.1", 0))) {
            Path config = Files.writeString(dir.resolve("sealgate.yaml"), DemoConfig.yaml("127.0.0.1", 0, saas.baseUri()));
            CliRun run = CliRun.start("serve", "--config", config.toString());
            URI proxy = URI.create(run.awaitOutput("sealgate: serving \\S+ on (http://\\S+/)"));

            HttpResponse<String> list = client.send(HttpRequest.newBuilder(proxy.resolve("/files")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(list.body()).isEqualTo("[]");
            assertThat(run.stop()).isEqualTo(0);
            assertThat(run.out()).endsWith("sealgate: stopping\n");
        }
    }

    @Test
    void invalidConfigListsEveryErrorAndExits2() throws Exception {
        Path config = Files.writeString(dir.resolve("bad.yaml"), "listeners: []\n");

        CliRun run = CliRun.complete("serve", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith(config + ":"));
    }

    @Test
    void missingConfigOptionIsAUsageError() throws Exception {
        CliRun run = CliRun.complete("serve");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(
                "sealgate: Missing required option: '--config=FILE' (see 'sealgate serve --help')\n");
    }
}
