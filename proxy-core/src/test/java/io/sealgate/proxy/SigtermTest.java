package io.sealgate.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealgate.proxy.testing.ForkedProxy;
import io.sealgate.proxy.testing.RawHttp;
import io.sealgate.proxy.testing.TestData;
import io.sealgate.proxy.testing.TestOrigin;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** SIGTERM shuts a real proxy process down gracefully through {@link SealgateServer#closeOnShutdown()}. */
class SigtermTest {

    @Test
    void sigtermLetsTheInFlightRequestFinishThenExits() throws Exception {
        try (TestOrigin origin = TestOrigin.start();
             ForkedProxy proxy = ForkedProxy.start(origin.baseUrl(), "-Xmx64m");
             RawHttp busy = new RawHttp(proxy.address())) {
            byte[] body = TestData.stream(10).readAllBytes();
            busy.send("POST /sink HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n").send(Arrays.copyOf(body, 5));
            while (origin.requests().isEmpty()) {
                Thread.sleep(10); // until the upload is in flight upstream
            }

            proxy.process().destroy(); // SIGTERM

            InetSocketAddress address = proxy.address();
            assertThatThrownBy(() -> {
                while (true) {
                    new Socket(address.getAddress(), address.getPort()).close();
                    Thread.sleep(10); // until the shutdown hook has closed the listener
                }
            }).isInstanceOf(ConnectException.class);
            busy.send(Arrays.copyOfRange(body, 5, 10));
            RawHttp.Response response = busy.readResponse();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyText()).isEqualTo("10 " + TestData.sha256(10));
            assertThat(response.header("Connection")).isEqualTo("close");
            assertThat(proxy.awaitExit()).isEqualTo(143); // 128 + SIGTERM, after the hook finished
        }
    }
}
