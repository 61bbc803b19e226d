package io.sealgate.proxy.it;

import io.sealgate.fixtures.saas.FixtureSaas;
import io.sealgate.proxy.SealgateServer;
import io.sealgate.proxy.cli.PassThroughConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Bodies pass byte-exact through Sealgate to the fixture SaaS (a JDK HTTP server) and back. */
class FixtureSaasPassThroughTest {
    @TempDir
    static Path storage;

    private static FixtureSaas saas;
    private static SealgateServer proxy;
    private static URI proxyUri;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        saas = FixtureSaas.start(storage, new InetSocketAddress("127.0.0.1", 0));
        proxy = SealgateServer.start(PassThroughConfig.of("127.0.0.1", 0, saas.baseUri()));
        proxyUri = URI.create("http://127.0.0.1:" + proxy.boundAddresses().get(0).getPort() + "/");
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (saas != null) {
            saas.close();
        }
    }

    @ParameterizedTest(name = "{0} bytes, {1}")
    @MethodSource("io.sealgate.proxy.it.Bodies#sizesAndFramings")
    void putThenGetThroughTheProxyIsByteExact(int size, Bodies.Framing framing) throws Exception {
        byte[] body = Bodies.random(size);
        String name = "doc-" + size + "-" + framing + ".bin";

        Bodies.PutThenGet sent = Bodies.putThenGet(client, proxyUri.resolve("/files/" + name), body, framing);
        HttpResponse<String> put = sent.put();
        HttpResponse<byte[]> get = sent.get();

        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(Bodies.sha256(Files.readAllBytes(storage.resolve("files").resolve(name))))
                .isEqualTo(Bodies.sha256(body));
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.headers().firstValue("Content-Length")).hasValue(Integer.toString(size));
        assertThat(Bodies.sha256(get.body())).isEqualTo(Bodies.sha256(body));
    }

    @Test
    void uploadWithExpectContinueGetsTheUpstreamsAnswer() throws Exception {
        byte[] body = Bodies.random(Bodies.KIB);

        HttpResponse<String> put = client.send(HttpRequest.newBuilder(proxyUri.resolve("/files/expect.bin"))
                .expectContinue(true).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(Files.readAllBytes(storage.resolve("files/expect.bin"))).isEqualTo(body);
    }

    @Test
    void upstreamErrorsPassThroughUnchanged() throws Exception {
        HttpResponse<String> direct = client.send(HttpRequest.newBuilder(saas.baseUri().resolve("/files/a%0Ab"))
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> proxied = client.send(HttpRequest.newBuilder(proxyUri.resolve("/files/a%0Ab"))
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(proxied.statusCode()).isEqualTo(direct.statusCode()).isEqualTo(400);
        assertThat(proxied.body()).isEqualTo(direct.body());
    }

    @Test
    void theDocumentPageAndTheJsonListLoadRepeatedlyOverKeptAliveConnections() throws Exception {
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(proxyUri).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> list = client.send(HttpRequest.newBuilder(proxyUri.resolve("/files")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<h1>Documents</h1>");
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(list.body()).startsWith("[");
        }
    }
}
