package io.sealgate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealgate.config.PathPattern;
import io.sealgate.config.SealgateConfig;
import io.sealgate.config.UpstreamConfig;
import io.sealgate.proxy.testing.RawHttp;
import io.sealgate.proxy.testing.TestConfigs;
import io.sealgate.proxy.testing.TestData;
import io.sealgate.proxy.testing.TestOrigin;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a client and an upstream see of the proxy: keep-alive, framing, errors, and the headers it rewrites. */
class ProxySemanticsTest {

    private TestOrigin origin;
    private final List<SealgateServer> proxies = new ArrayList<>();

    @BeforeEach
    void startOrigin() {
        origin = TestOrigin.start();
    }

    @AfterEach
    void stop() {
        proxies.forEach(SealgateServer::close);
        origin.close();
    }

    private InetSocketAddress proxy(SealgateConfig config) throws Exception {
        SealgateServer server = SealgateServer.start(config);
        proxies.add(server);
        return server.boundAddresses().get(0);
    }

    private InetSocketAddress proxyToOrigin() throws Exception {
        return proxy(TestConfigs.passAllTo(origin.baseUrl()));
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: public.example\r\n\r\n";
    }

    @Test
    void clientConnectionIsKeptAliveAcrossRequests() throws Exception {
        try (RawHttp client = new RawHttp(proxyToOrigin())) {
            assertThat(client.send(get("/one")).readResponse().bodyText()).isEqualTo("ok /one");
            assertThat(client.send(get("/two")).readResponse().bodyText()).isEqualTo("ok /two");
            assertThat(client.send(get("/three")).readResponse().bodyText()).isEqualTo("ok /three");
        }
    }

    @Test
    void upstreamConnectionIsReusedAcrossRequests() throws Exception {
        try (RawHttp client = new RawHttp(proxyToOrigin())) {
            for (int i = 0; i < 3; i++) {
                assertThat(client.send(get("/n" + i)).readResponse().status()).isEqualTo(200);
            }
        }
        assertThat(origin.requests()).hasSize(3);
        assertThat(origin.connections()).isEqualTo(1);
        assertThat(origin.requests()).extracting(TestOrigin.Recorded::connection).containsOnly(1);
    }

    @Test
    void headResponseCarriesLengthButNoBody() throws Exception {
        try (RawHttp client = new RawHttp(proxyToOrigin())) {
            RawHttp.Response head = client.send("HEAD /head HTTP/1.1\r\nHost: a\r\n\r\n").readResponse(true);
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("Content-Length")).isEqualTo("1234");
            // The next response parses cleanly only if no body bytes followed the HEAD response.
            assertThat(client.send(get("/after")).readResponse().bodyText()).isEqualTo("ok /after");
        }
    }

    @Test
    void noContentResponseHasNoBody() throws Exception {
        try (RawHttp client = new RawHttp(proxyToOrigin())) {
            RawHttp.Response response = client.send(get("/status/204")).readResponse();
            assertThat(response.status()).isEqualTo(204);
            assertThat(response.header("Transfer-Encoding")).isNull();
            assertThat(client.send(get("/after")).readResponse().bodyText()).isEqualTo("ok /after");
        }
    }

    @Test
    void notModifiedResponseHasNoBody() throws Exception {
        try (RawHttp client = new RawHttp(proxyToOrigin())) {
            RawHttp.Response response = client.send(get("/status/304")).readResponse();
            assertThat(response.status()).isEqualTo(304);
            assertThat(response.header("Transfer-Encoding")).isNull();
            assertThat(client.send(get("/after")).readResponse().bodyText()).isEqualTo("ok /after");
        }
    }

    @Test
    void expectContinueIsForwardedAndTheUpstreams100IsRelayed() throws Exception {
        try (RawHttp client = new RawHttp(proxyToOrigin())) {
            client.send("POST /sink HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
            assertThat(client.readResponse().status()).isEqualTo(100);
            byte[] body = TestData.stream(5).readAllBytes();
            RawHttp.Response response = client.send(body).readResponse();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyText()).isEqualTo("5 " + TestData.sha256(5));
        }
        assertThat(origin.lastRequest().headers().get("Expect")).isEqualTo("100-continue");
    }

    @Test
    void refusedUpstreamConnectionIsAnswered502WithJsonError() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        InetSocketAddress proxy = proxy(TestConfigs.passAllTo(URI.create("http://127.0.0.1:" + closedPort)));
        try (RawHttp client = new RawHttp(proxy)) {
            RawHttp.Response response = client.send(get("/x")).readResponse();
            assertThat(response.status()).isEqualTo(502);
            assertThat(response.header("Content-Type")).isEqualTo("application/json");
            String requestId = response.header("Sealgate-Request-Id");
            assertThat(response.bodyText()).isEqualTo("{\"error\":\"upstream_unavailable\",\"message\":\"upstream "
                    + "'origin' (http://127.0.0.1:" + closedPort + ") is unavailable: connection refused\","
                    + "\"requestId\":\"" + requestId + "\"}");
            // A request without a body leaves the client connection usable.
            assertThat(client.send(get("/y")).readResponse().status()).isEqualTo(502);
        }
    }

    @Test
    void silentUpstreamIsAnswered504AfterItsReadTimeout() throws Exception {
        UpstreamConfig slow = new UpstreamConfig("slow", origin.baseUrl(), Duration.ofSeconds(5),
                Duration.ofMillis(300), 4, false, Optional.empty(), Optional.empty());
        InetSocketAddress proxy = proxy(TestConfigs.builder().upstream(slow)
                .route("all", PathPattern.prefix("/"), "slow").build());
        try (RawHttp client = new RawHttp(proxy)) {
            RawHttp.Response response = client.send(get("/silent")).readResponse();
            assertThat(response.status()).isEqualTo(504);
            assertThat(response.bodyText()).isEqualTo("{\"error\":\"upstream_timeout\",\"message\":\"upstream 'slow' "
                    + "(http://127.0.0.1:" + origin.port() + ") sent nothing for 300 ms\",\"requestId\":\""
                    + response.header("Sealgate-Request-Id") + "\"}");
        }
    }

    @Test
    void hopByHopHeadersAreRemovedIncludingThoseNamedInConnection() throws Exception {
        try (RawHttp client = new RawHttp(proxyToOrigin())) {
            client.send("GET /headers HTTP/1.1\r\nHost: a\r\nConnection: keep-alive, X-Hop\r\nX-Hop: 1\r\n"
                    + "Keep-Alive: timeout=5\r\nProxy-Connection: keep-alive\r\nTE: trailers\r\nTrailer: X-T\r\n"
                    + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\nProxy-Authorization: Basic eDp5\r\n"
                    + "X-End-To-End: kept\r\n\r\n");
            assertThat(client.readResponse().status()).isEqualTo(200);
        }
        var headers = origin.lastRequest().headers();
        for (String hop : List.of("Connection", "X-Hop", "Keep-Alive", "Proxy-Connection", "TE", "Trailer", "Upgrade",
                "HTTP2-Settings", "Proxy-Authorization")) {
            assertThat(headers.contains(hop)).as(hop).isFalse();
        }
        assertThat(headers.get("X-End-To-End")).isEqualTo("kept");
    }

    @Test
    void forwardingHeadersAreAddedAndAppended() throws Exception {
        String requestId;
        try (RawHttp client = new RawHttp(proxyToOrigin())) {
            client.send("GET /headers HTTP/1.1\r\nHost: public.example:8443\r\nVia: 1.0 edge\r\n"
                    + "X-Forwarded-For: 10.0.0.1\r\n\r\n");
            RawHttp.Response response = client.readResponse();
            requestId = response.header("Sealgate-Request-Id");
            assertThat(response.header("Via")).isEqualTo("1.1 sealgate");
        }
        var headers = origin.lastRequest().headers();
        assertThat(headers.get("Via")).isEqualTo("1.0 edge, 1.1 sealgate");
        assertThat(headers.get("X-Forwarded-For")).isEqualTo("10.0.0.1, 127.0.0.1");
        assertThat(headers.get("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(headers.get("X-Forwarded-Host")).isEqualTo("public.example:8443");
        assertThat(headers.get("Forwarded")).isEqualTo("for=127.0.0.1;proto=http;host=\"public.example:8443\"");
        assertThat(headers.get("Sealgate-Request-Id")).isEqualTo(requestId).isNotBlank();
    }

    @Test
    void ipv6ClientAddressIsBracketedInForwarded() throws Exception {
        InetSocketAddress proxy = proxy(TestConfigs.builder()
                .listener(new io.sealgate.config.ListenerConfig("::1", 0, Optional.empty()))
                .upstream(TestConfigs.upstream("origin", origin.baseUrl()))
                .route("all", PathPattern.prefix("/"), "origin").build());
        try (RawHttp client = new RawHttp(proxy)) {
            assertThat(client.send(get("/headers")).readResponse().status()).isEqualTo(200);
        }
        var headers = origin.lastRequest().headers();
        assertThat(headers.get("X-Forwarded-For")).isEqualTo("::1");
        assertThat(headers.get("Forwarded")).isEqualTo("for=\"[::1]\";proto=http;host=public.example");
    }

    @Test
    void hostIsRewrittenToTheUpstreamAuthority() throws Exception {
        try (RawHttp client = new RawHttp(proxyToOrigin())) {
            client.send(get("/headers")).readResponse();
        }
        assertThat(origin.lastRequest().headers().get("Host")).isEqualTo("127.0.0.1:" + origin.port());
    }

    @Test
    void hostIsPreservedWhenTheUpstreamAsksForIt() throws Exception {
        UpstreamConfig preserving = new UpstreamConfig("origin", origin.baseUrl(), Duration.ofSeconds(5),
                Duration.ofSeconds(30), 4, true, Optional.empty(), Optional.empty());
        InetSocketAddress proxy = proxy(TestConfigs.builder().upstream(preserving)
                .route("all", PathPattern.prefix("/"), "origin").build());
        try (RawHttp client = new RawHttp(proxy)) {
            client.send(get("/headers")).readResponse();
        }
        assertThat(origin.lastRequest().headers().get("Host")).isEqualTo("public.example");
    }

    @Test
    void upstreamBasePathIsPrependedAndTheQueryKept() throws Exception {
        InetSocketAddress proxy = proxy(TestConfigs.passAllTo(URI.create(origin.baseUrl() + "/base/")));
        try (RawHttp client = new RawHttp(proxy)) {
            client.send(get("/docs/a%20b.pdf?version=2")).readResponse();
        }
        assertThat(origin.lastRequest().uri()).isEqualTo("/base/docs/a%20b.pdf?version=2");
    }

    @Test
    void requestMatchingNoRouteIsAnswered404WithJsonError() throws Exception {
        InetSocketAddress proxy = proxy(TestConfigs.builder().upstream(TestConfigs.upstream("origin",
                origin.baseUrl())).route("api", PathPattern.prefix("/api/"), "origin").build());
        try (RawHttp client = new RawHttp(proxy)) {
            RawHttp.Response response = client.send(get("/other?x=1")).readResponse();
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.bodyText()).isEqualTo("{\"error\":\"no_route\",\"message\":\"no route matches GET "
                    + "/other\",\"requestId\":\"" + response.header("Sealgate-Request-Id") + "\"}");
        }
        assertThat(origin.connections()).isZero();
    }

    @Test
    void smallBodyOfALocallyAnsweredRequestIsDroppedAndTheConnectionKept() throws Exception {
        InetSocketAddress proxy = proxy(TestConfigs.builder().upstream(TestConfigs.upstream("origin",
                origin.baseUrl())).route("api", PathPattern.prefix("/api/"), "origin").build());
        try (RawHttp client = new RawHttp(proxy)) {
            client.send("POST /other HTTP/1.1\r\nHost: a\r\nContent-Length: 1024\r\n\r\n" + "x".repeat(1024));
            RawHttp.Response response = client.readResponse();
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.header("Connection")).isNull();
            assertThat(client.send(get("/.sealgate/health")).readResponse().status()).isEqualTo(200);
        }
    }

    @Test
    void largeBodyOfALocallyAnsweredRequestIsNotReadAndTheConnectionClosed() throws Exception {
        InetSocketAddress proxy = proxy(TestConfigs.builder().upstream(TestConfigs.upstream("origin",
                origin.baseUrl())).route("api", PathPattern.prefix("/api/"), "origin").build());
        try (RawHttp client = new RawHttp(proxy)) {
            client.send("POST /other HTTP/1.1\r\nHost: a\r\nContent-Length: 10000000\r\n\r\n");
            RawHttp.Response response = client.readResponse();
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.header("Connection")).isEqualTo("close");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void healthEndpointAnswersOk() throws Exception {
        try (RawHttp client = new RawHttp(proxyToOrigin())) {
            RawHttp.Response response = client.send(get("/.sealgate/health")).readResponse();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyText()).isEqualTo("{\"status\":\"ok\"}");
            assertThat(response.header("Sealgate-Request-Id")).isNotBlank();
        }
        assertThat(origin.requests()).isEmpty();
    }

    @Test
    void unknownReservedPathIsAnswered404AndNeverForwarded() throws Exception {
        try (RawHttp client = new RawHttp(proxyToOrigin())) {
            RawHttp.Response response = client.send(get("/.sealgate/nope")).readResponse();
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.bodyText()).isEqualTo("{\"error\":\"not_found\",\"message\":\"no Sealgate endpoint at "
                    + "/.sealgate/nope (expected: /.sealgate/health, /.sealgate/metrics, /.sealgate/verify or "
                    + "/.sealgate/log/sth)\",\"requestId\":\""
                    + response.header("Sealgate-Request-Id") + "\"}");
        }
        assertThat(origin.requests()).isEmpty();
    }

    @Test
    void metricsEndpointExposesRequestsLatencyBytesConnectionsAndUpstreamErrors() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        InetSocketAddress proxy = proxy(TestConfigs.builder()
                .upstream(TestConfigs.upstream("origin", origin.baseUrl()))
                .upstream(TestConfigs.upstream("gone", URI.create("http://127.0.0.1:" + closedPort)))
                .route("gone", PathPattern.prefix("/gone/"), "gone")
                .route("all", PathPattern.prefix("/"), "origin").build());
        String metrics;
        try (RawHttp client = new RawHttp(proxy)) {
            client.send("POST /sink HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc").readResponse();
            client.send(get("/gone/x")).readResponse();
            RawHttp.Response response = client.send(get("/.sealgate/metrics")).readResponse();
            assertThat(response.header("Content-Type")).startsWith("text/plain; version=0.0.4");
            metrics = response.bodyText();
        }
        assertThat(metrics)
                .contains("sealgate_requests_total{route=\"all\",status=\"200\"} 1.0")
                .contains("sealgate_requests_total{route=\"gone\",status=\"502\"} 1.0")
                .contains("sealgate_request_duration_seconds_bucket{route=\"all\"")
                .contains("sealgate_request_bytes_total{route=\"all\"} 3.0")
                .contains("sealgate_connections_open 1.0")
                .contains("sealgate_upstream_errors_total{kind=\"upstream_unavailable\",upstream=\"gone\"} 1.0");
        assertThat(metrics.lines().filter(l -> l.startsWith("sealgate_response_bytes_total{route=\"all\"}")))
                .singleElement().asString().isNotEqualTo("sealgate_response_bytes_total{route=\"all\"} 0.0");
    }

    @Test
    void startFailsWithTheAddressWhenThePortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            SealgateConfig config = TestConfigs.builder()
                    .listener(new io.sealgate.config.ListenerConfig("127.0.0.1", taken.getLocalPort(),
                            Optional.empty()))
                    .upstream(TestConfigs.upstream("origin", origin.baseUrl()))
                    .route("all", PathPattern.prefix("/"), "origin").build();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> SealgateServer.start(config))
                    .isInstanceOf(java.io.IOException.class)
                    .hasMessage("cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": Address already in use");
        }
    }

    @Test
    void hopByHopResponseHeadersAreRemoved() throws Exception {
        try (RawHttp client = new RawHttp(proxyToOrigin())) {
            RawHttp.Response response = client.send(get("/hop")).readResponse();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.headers()).doesNotContainKeys("connection", "x-secret-hop", "keep-alive",
                    "proxy-authenticate");
            assertThat(response.header("X-End-To-End")).isEqualTo("kept");
        }
    }

    @Test
    void upstreamAnsweringBeforeTheBodyEndsIsRelayedAndTheClientConnectionClosed() throws Exception {
        try (RawHttp client = new RawHttp(proxyToOrigin())) {
            client.send("POST /early HTTP/1.1\r\nHost: a\r\nContent-Length: 1000000\r\n\r\n" + "x".repeat(1000));
            RawHttp.Response response = client.readResponse();
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.header("Connection")).isEqualTo("close");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void http10ClientGetsACloseDelimitedBodyForAChunkedUpstreamResponse() throws Exception {
        try (RawHttp client = new RawHttp(proxyToOrigin())) {
            RawHttp.Response response = client.send("GET /bytes?n=1000&chunked=true HTTP/1.0\r\n\r\n")
                    .readResponse();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Transfer-Encoding")).isNull();
            assertThat(response.header("Connection")).isEqualTo("close");
            assertThat(response.body()).hasSize(1000);
            assertThat(TestData.digestOf(new java.io.ByteArrayInputStream(response.body())))
                    .isEqualTo("1000 " + TestData.sha256(1000));
        }
    }

    @Test
    void requestOnAPooledConnectionTheUpstreamClosedIsRetriedOnANewOne() throws Exception {
        try (ServerSocket upstream = new ServerSocket(0, 10, java.net.InetAddress.getByName("127.0.0.1"))) {
            Thread origin = new Thread(() -> serveThenDropSecondRequest(upstream), "dropping-origin");
            origin.setDaemon(true);
            origin.start();
            InetSocketAddress proxy = proxy(TestConfigs.passAllTo(
                    URI.create("http://127.0.0.1:" + upstream.getLocalPort())));
            try (RawHttp client = new RawHttp(proxy)) {
                assertThat(client.send(get("/first")).readResponse().bodyText()).isEqualTo("first connection");
                assertThat(client.send(get("/second")).readResponse().bodyText()).isEqualTo("second connection");
            }
        }
    }

    @Test
    void ambiguousUpstreamResponseIsAnswered502() throws Exception {
        try (ServerSocket upstream = new ServerSocket(0, 10, java.net.InetAddress.getByName("127.0.0.1"))) {
            Thread origin = new Thread(() -> {
                try (java.net.Socket socket = upstream.accept()) {
                    readHead(new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                            java.nio.charset.StandardCharsets.ISO_8859_1)));
                    socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                    socket.getInputStream().read();
                } catch (java.io.IOException e) {
                    // the test is over
                }
            }, "ambiguous-origin");
            origin.setDaemon(true);
            origin.start();
            InetSocketAddress proxy = proxy(TestConfigs.passAllTo(
                    URI.create("http://127.0.0.1:" + upstream.getLocalPort())));
            try (RawHttp client = new RawHttp(proxy)) {
                RawHttp.Response response = client.send(get("/x")).readResponse();
                assertThat(response.status()).isEqualTo(502);
                assertThat(response.bodyText()).isEqualTo("{\"error\":\"upstream_unavailable\",\"message\":"
                        + "\"upstream 'origin' (http://127.0.0.1:" + upstream.getLocalPort() + ") sent a malformed "
                        + "response: Content-Length are not allowed in HTTP/1.1 messages that contains a "
                        + "Transfer-Encoding header.\",\"requestId\":\"" + response.header("Sealgate-Request-Id")
                        + "\"}");
            }
        }
    }

    @Test
    void closeDelimitedUpstreamResponseReachesTheClientChunked() throws Exception {
        try (ServerSocket upstream = new ServerSocket(0, 10, java.net.InetAddress.getByName("127.0.0.1"))) {
            Thread origin = new Thread(() -> {
                try (java.net.Socket socket = upstream.accept()) {
                    readHead(new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                            java.nio.charset.StandardCharsets.ISO_8859_1)));
                    socket.getOutputStream().write("HTTP/1.0 200 OK\r\n\r\nhello, world"
                            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                } catch (java.io.IOException e) {
                    // the test is over
                }
            }, "http10-origin");
            origin.setDaemon(true);
            origin.start();
            InetSocketAddress proxy = proxy(TestConfigs.passAllTo(
                    URI.create("http://127.0.0.1:" + upstream.getLocalPort())));
            try (RawHttp client = new RawHttp(proxy)) {
                RawHttp.Response response = client.send(get("/x")).readResponse();
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.header("Transfer-Encoding")).isEqualTo("chunked");
                assertThat(response.bodyText()).isEqualTo("hello, world");
                assertThat(client.send(get("/.sealgate/health")).readResponse().status())
                        .as("the client connection stays usable").isEqualTo(200);
            }
        }
    }

    /** Answers one request on the first connection, closes it on the next one, answers on the second. */
    private static void serveThenDropSecondRequest(ServerSocket upstream) {
        try (java.net.Socket first = upstream.accept()) {
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(first.getInputStream(),
                    java.nio.charset.StandardCharsets.ISO_8859_1));
            readHead(in);
            first.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: 16\r\n\r\nfirst connection")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            readHead(in);
        } catch (java.io.IOException e) {
            return;
        }
        try (java.net.Socket second = upstream.accept()) {
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(second.getInputStream(),
                    java.nio.charset.StandardCharsets.ISO_8859_1));
            readHead(in);
            second.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: 17\r\n\r\nsecond connection")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            second.getInputStream().read();
        } catch (java.io.IOException e) {
            // the test is over
        }
    }

    private static void readHead(java.io.BufferedReader in) throws java.io.IOException {
        for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
            // skip the request head
        }
    }
}
