package io.sealgate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.sealgate.proxy.testing.ForkedProxy;
import io.sealgate.proxy.testing.TestData;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A 1 GiB body passes each way through a proxy whose JVM has a 128 MiB heap: proof that bodies stream with
 * back-pressure instead of being buffered. The data is generated and digested on the fly on both ends, and the
 * origin is the JDK's HTTP server, so neither the test nor the origin holds the body either.
 */
class LargeBodyTest {

    private static final long ONE_GIB = 1L << 30;

    private static HttpServer origin;
    private static ForkedProxy proxy;
    private static URI proxyUrl;

    @BeforeAll
    static void start() throws Exception {
        origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        origin.setExecutor(Executors.newFixedThreadPool(2));
        origin.createContext("/sink", exchange -> {
            String digest;
            try (InputStream body = exchange.getRequestBody()) {
                digest = TestData.digestOf(body);
            }
            byte[] answer = digest.getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        origin.createContext("/bytes", exchange -> {
            long n = Long.parseLong(exchange.getRequestURI().getQuery().substring(2));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, n);
            try (OutputStream out = exchange.getResponseBody(); InputStream data = TestData.stream(n)) {
                data.transferTo(out);
            }
        });
        origin.start();

        proxy = ForkedProxy.start(URI.create("http://127.0.0.1:" + origin.getAddress().getPort()), "-Xmx128m");
        proxyUrl = proxy.baseUrl();
    }

    @AfterAll
    static void stop() throws Exception {
        long peakHeap = proxy.stopAndReportPeakHeap();
        proxy.close();
        origin.stop(0);
        ((java.util.concurrent.ExecutorService) origin.getExecutor()).shutdownNow();
        System.out.println("forked proxy peak heap: " + peakHeap + " bytes");
        // -Xmx128m already bounds it; the peak says how far from the limit it stayed.
        assertThat(peakHeap).isPositive().isLessThan(128L << 20);
        assertThat(proxy.process().exitValue()).isZero();
    }

    @Test
    void oneGibibyteUploadStreamsThroughA128MebibyteHeap() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(proxyUrl.resolve("/sink"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> TestData.stream(ONE_GIB))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(ONE_GIB + " " + TestData.sha256(ONE_GIB));
    }

    @Test
    void oneGibibyteDownloadStreamsThroughA128MebibyteHeap() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(
                proxyUrl.resolve("/bytes?n=" + ONE_GIB)).build(), HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestData.digestOf(response.body())).isEqualTo(ONE_GIB + " " + TestData.sha256(ONE_GIB));
    }

}
