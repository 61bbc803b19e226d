package io.sealgate.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sealgate.config.PathPattern;
import io.sealgate.config.ServerSettings;
import io.sealgate.proxy.testing.RawHttp;
import io.sealgate.proxy.testing.TestConfigs;
import io.sealgate.proxy.testing.TestData;
import io.sealgate.proxy.testing.TestOrigin;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Graceful shutdown, the idle timeout and the access log. */
class LifecycleTest {

    private TestOrigin origin;
    private SealgateServer proxy;
    private final ListAppender<ILoggingEvent> accessLog = new ListAppender<>();

    @BeforeEach
    void start() {
        origin = TestOrigin.start();
        accessLog.start();
        ((Logger) LoggerFactory.getLogger("sealgate.access")).addAppender(accessLog);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger("sealgate.access")).detachAppender(accessLog);
        if (proxy != null) {
            proxy.close();
        }
        origin.close();
    }

    private InetSocketAddress startProxy(ServerSettings.LogFormat format, Duration idleTimeout) throws Exception {
        proxy = SealgateServer.start(TestConfigs.builder()
                .upstream(TestConfigs.upstream("origin", origin.baseUrl()))
                .route("all", PathPattern.prefix("/"), "origin")
                .server(s -> new ServerSettings(s.ioThreads(), s.maxInitialLineBytes(), s.maxHeaderBytes(),
                        idleTimeout, Duration.ofSeconds(10), format))
                .build());
        return proxy.boundAddresses().get(0);
    }

    @Test
    void closeLetsTheInFlightRequestFinishAndClosesIdleConnections() throws Exception {
        InetSocketAddress address = startProxy(ServerSettings.LogFormat.TEXT, Duration.ofSeconds(60));
        try (RawHttp busy = new RawHttp(address); RawHttp idle = new RawHttp(address)) {
            assertThat(idle.send("GET /x HTTP/1.1\r\nHost: a\r\n\r\n").readResponse().status()).isEqualTo(200);
            byte[] body = TestData.stream(10).readAllBytes();
            busy.send("POST /sink HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n");
            busy.send(java.util.Arrays.copyOf(body, 5));
            while (origin.requests().size() < 2) {
                Thread.sleep(10); // until the upload is in flight upstream
            }

            CompletableFuture<Void> closing = CompletableFuture.runAsync(proxy::close);

            assertThat(idle.closedByServer()).as("idle connection closed").isTrue();
            assertThatThrownBy(() -> {
                while (true) {
                    new Socket(address.getAddress(), address.getPort()).close();
                    Thread.sleep(10); // until the listener is gone
                }
            }).isInstanceOf(ConnectException.class);
            busy.send(java.util.Arrays.copyOfRange(body, 5, 10));
            RawHttp.Response response = busy.readResponse();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyText()).isEqualTo("10 " + TestData.sha256(10));
            assertThat(response.header("Connection")).isEqualTo("close");
            assertThat(busy.closedByServer()).isTrue();
            closing.get();
        }
    }

    @Test
    void idleClientConnectionIsClosed() throws Exception {
        InetSocketAddress address = startProxy(ServerSettings.LogFormat.TEXT, Duration.ofMillis(200));
        try (RawHttp client = new RawHttp(address)) {
            assertThat(client.send("GET /x HTTP/1.1\r\nHost: a\r\n\r\n").readResponse().status()).isEqualTo(200);
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void accessLogWritesOneTextLinePerRequest() throws Exception {
        InetSocketAddress address = startProxy(ServerSettings.LogFormat.TEXT, Duration.ofSeconds(60));
        String requestId;
        try (RawHttp client = new RawHttp(address)) {
            client.send("POST /sink?token=secret HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc");
            requestId = client.readResponse().header("Sealgate-Request-Id");
        }
        proxy.close();
        assertThat(accessLog.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .matches("route=all method=POST path=/sink status=200 bytesIn=3 bytesOut=\\d+ durationMs=[0-9.]+ "
                        + "requestId=" + requestId + " client=127\\.0\\.0\\.1");
    }

    @Test
    void accessLogWritesJsonWhenConfigured() throws Exception {
        InetSocketAddress address = startProxy(ServerSettings.LogFormat.JSON, Duration.ofSeconds(60));
        try (RawHttp client = new RawHttp(address)) {
            client.send("GET /nothing-here HTTP/1.1\r\nHost: a\r\n\r\n").readResponse();
        }
        proxy.close();
        JsonNode line = new ObjectMapper().readTree(accessLog.list.get(0).getFormattedMessage());
        assertThat(line.get("route").asText()).isEqualTo("all");
        assertThat(line.get("method").asText()).isEqualTo("GET");
        assertThat(line.get("path").asText()).isEqualTo("/nothing-here");
        assertThat(line.get("status").asInt()).isEqualTo(200);
        assertThat(line.get("bytesIn").asLong()).isZero();
        assertThat(line.get("bytesOut").asLong()).isEqualTo("ok /nothing-here".length());
        assertThat(line.get("durationMs").isNumber()).isTrue();
        assertThat(line.get("requestId").asText()).isNotBlank();
    }
}
