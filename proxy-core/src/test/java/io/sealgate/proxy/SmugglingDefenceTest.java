package io.sealgate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealgate.proxy.testing.RawHttp;
import io.sealgate.proxy.testing.TestConfigs;
import io.sealgate.proxy.testing.TestOrigin;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Request smuggling defences (RFC 9112 sections 5.2, 6.1, 6.3): every ambiguous or malformed request is refused
 * with an error and a closed connection, and the upstream receives nothing at all.
 */
class SmugglingDefenceTest {

    private TestOrigin origin;
    private SealgateServer proxy;
    private InetSocketAddress address;

    @BeforeEach
    void start() throws Exception {
        origin = TestOrigin.start();
        proxy = SealgateServer.start(TestConfigs.passAllTo(origin.baseUrl()));
        address = proxy.boundAddresses().get(0);
    }

    @AfterEach
    void stop() {
        proxy.close();
        origin.close();
    }

    /** Sends the raw request, expects the error and a close, and checks the upstream saw nothing. */
    private void assertRefused(String raw, int status, String error, String message) throws Exception {
        assertAnswered(raw, status, error, message);
        assertThat(origin.connections()).as("upstream connections").isZero();
        assertThat(origin.requests()).as("upstream requests").isEmpty();
    }

    private void assertAnswered(String raw, int status, String error, String message) throws Exception {
        try (RawHttp client = new RawHttp(address)) {
            RawHttp.Response response = client.send(raw).readResponse();
            assertThat(response.status()).isEqualTo(status);
            assertThat(response.header("Connection")).isEqualTo("close");
            assertThat(response.bodyText()).isEqualTo("{\"error\":\"" + error + "\",\"message\":\"" + message
                    + "\",\"requestId\":\"" + response.header("Sealgate-Request-Id") + "\"}");
            assertThat(client.closedByServer()).as("connection closed").isTrue();
        }
    }

    @Test
    void transferEncodingTogetherWithContentLengthIsRefused() throws Exception {
        assertRefused("POST /sink HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: a\r\n\r\n", 400, "bad_request",
                "the request is malformed: Content-Length are not allowed in HTTP/1.1 messages that contains a "
                        + "Transfer-Encoding header.");
    }

    @Test
    void severalContentLengthHeadersAreRefused() throws Exception {
        assertRefused("POST /sink HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nabcde",
                400, "bad_request", "the request is malformed: Multiple Content-Length values found: [5, 5]");
    }

    @Test
    void nonNumericContentLengthIsRefused() throws Exception {
        assertRefused("POST /sink HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\nabcde", 400, "bad_request",
                "the request is malformed: Content-Length value is not a number: +5");
    }

    @Test
    void transferEncodingNotEndingInChunkedIsRefused() throws Exception {
        assertRefused("POST /sink HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n", 400,
                "bad_request", "the request is malformed: chunked must be the last encoding present in the "
                        + "Transfer-Encoding header");
    }

    @Test
    void transferEncodingOnHttp10IsRefused() throws Exception {
        assertRefused("POST /sink HTTP/1.0\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400,
                "bad_request", "the request is malformed: The Transfer-Encoding header is only allowed in HTTP/1.1 "
                        + "or newer");
    }

    @Test
    void bareLineFeedLineEndingsAreRefused() throws Exception {
        assertRefused("GET /x HTTP/1.1\nHost: a\n\n", 400, "bad_request",
                "the request is malformed: Line Feed must be preceded by Carriage Return when terminating HTTP "
                        + "start- and header field-lines");
    }

    @Test
    void obsoleteLineFoldingIsRefused() throws Exception {
        assertRefused("GET /x HTTP/1.1\r\nHost: a\r\nX-Folded: one\r\n two\r\n\r\n", 400, "bad_request",
                "the request is malformed: obsolete line folding in a header (RFC 9112 section 5.2)");
    }

    @Test
    void invalidHeaderNameIsRefused() throws Exception {
        assertRefused("GET /x HTTP/1.1\r\nHost: a\r\nX Bad: 1\r\n\r\n", 400, "bad_request",
                "the request is malformed: a header name can only contain \\\"token\\\" characters, but found "
                        + "invalid character 0x20 at index 1 of header 'X Bad'.");
    }

    @Test
    void whitespaceBeforeTheColonIsRefused() throws Exception {
        assertRefused("GET /x HTTP/1.1\r\nHost : a\r\n\r\n", 400, "bad_request",
                "the request is malformed: a header name can only contain \\\"token\\\" characters, but found "
                        + "invalid character 0x20 at index 4 of header 'Host '.");
    }

    @Test
    void missingHostOnHttp11IsRefused() throws Exception {
        assertRefused("GET /x HTTP/1.1\r\nAccept: */*\r\n\r\n", 400, "bad_request",
                "an HTTP/1.1 request must carry exactly one Host header, not 0");
    }

    @Test
    void duplicateHostIsRefused() throws Exception {
        assertRefused("GET /x HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400, "bad_request",
                "an HTTP/1.1 request must carry exactly one Host header, not 2");
    }

    /**
     * A body error shows only after a valid head, which streaming may already have sent upstream; the upstream
     * connection is then closed mid-body, so the upstream sees a truncated request, never a smuggled one.
     */
    @Test
    void malformedChunkSizeIsRefused() throws Exception {
        assertAnswered("POST /sink HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
                400, "bad_request", "the request body is malformed: Invalid character in chunk size");
    }

    @Test
    void oversizedRequestLineIsRefusedWith414() throws Exception {
        assertRefused("GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: a\r\n\r\n", 414, "uri_too_long",
                "the request line is too long");
    }

    @Test
    void oversizedHeaderBlockIsRefusedWith431() throws Exception {
        assertRefused("GET /x HTTP/1.1\r\nHost: a\r\nX-Big: " + "b".repeat(20000) + "\r\n\r\n", 431,
                "headers_too_large", "the request header block is too large");
    }

    @Test
    void h2cUpgradeIsNeverForwarded() throws Exception {
        try (RawHttp client = new RawHttp(address)) {
            RawHttp.Response response = client.send("GET /headers HTTP/1.1\r\nHost: a\r\nConnection: Upgrade, "
                    + "HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n\r\n").readResponse();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Upgrade")).isNull();
        }
        assertThat(origin.lastRequest().headers().contains("Upgrade")).isFalse();
        assertThat(origin.lastRequest().headers().contains("HTTP2-Settings")).isFalse();
        assertThat(origin.lastRequest().headers().contains("Connection")).isFalse();
    }
}
