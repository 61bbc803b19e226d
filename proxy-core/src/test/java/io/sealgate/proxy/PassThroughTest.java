package io.sealgate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealgate.proxy.testing.TestConfigs;
import io.sealgate.proxy.testing.TestData;
import io.sealgate.proxy.testing.TestOrigin;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bodies pass through the proxy byte for byte, in both directions, with both framings. */
class PassThroughTest {

    private static TestOrigin origin;
    private static SealgateServer proxy;
    private static HttpClient client;
    private static URI proxyUrl;

    @BeforeAll
    static void start() throws Exception {
        origin = TestOrigin.start();
        proxy = SealgateServer.start(TestConfigs.passAllTo(origin.baseUrl()));
        proxyUrl = URI.create("http://127.0.0.1:" + proxy.boundAddresses().get(0).getPort());
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        proxy.close();
        origin.close();
    }

    @ParameterizedTest(name = "{0} bytes, chunked={1}")
    @CsvSource({"0, false", "0, true", "1024, false", "1024, true", "10485760, false", "10485760, true"})
    void uploadArrivesAtTheUpstreamByteForByte(long size, boolean chunked) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(proxyUrl.resolve("/sink"))
                .POST(body(size, chunked)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(size + " " + TestData.sha256(size));
        assertThat(origin.lastRequest().headers().get("Transfer-Encoding"))
                .isEqualTo(chunked ? "chunked" : null);
        assertThat(origin.lastRequest().headers().get("Content-Length"))
                .isEqualTo(chunked ? null : Long.toString(size));
    }

    @ParameterizedTest(name = "{0} bytes, chunked={1}")
    @CsvSource({"0, false", "0, true", "1024, false", "1024, true", "10485760, false", "10485760, true"})
    void downloadArrivesAtTheClientByteForByte(long size, boolean chunked) throws Exception {
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(
                proxyUrl.resolve("/bytes?n=" + size + "&chunked=" + chunked)).build(),
                HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestData.digestOf(response.body())).isEqualTo(size + " " + TestData.sha256(size));
        Optional<String> length = response.headers().firstValue("content-length");
        assertThat(length).isEqualTo(chunked ? Optional.empty() : Optional.of(Long.toString(size)));
    }

    @ParameterizedTest(name = "{0} bytes, chunked={1}")
    @CsvSource({"1024, false", "1024, true", "10485760, false", "10485760, true"})
    void echoedBodyComesBackByteForByte(long size, boolean chunked) throws Exception {
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(proxyUrl.resolve("/echo"))
                .POST(body(size, chunked)).build(), HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestData.digestOf(response.body())).isEqualTo(size + " " + TestData.sha256(size));
    }

    /** A known length is sent as Content-Length; an unknown one (input stream) goes chunked. */
    private static HttpRequest.BodyPublisher body(long size, boolean chunked) {
        HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> TestData.stream(size));
        if (chunked) {
            return stream;
        }
        return size == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.fromPublisher(stream, size);
    }
}
