package io.sealgate.proxy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.LastHttpContent;
import io.sealgate.config.ServerSettings;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The validation stage on its own: the guard, the strict decoder and the validator, fed raw bytes. */
class RequestValidatorTest {

    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(new ObsFoldGuard(), new HttpServerCodec(ListenerInitializer.decoderConfig(
                ServerSettings.defaults())), new RequestValidator());
    }

    private static void write(EmbeddedChannel channel, String raw) {
        channel.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.ISO_8859_1));
    }

    @Test
    void validRequestPassesUnchanged() {
        EmbeddedChannel channel = channel();
        write(channel, "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc");

        HttpRequest request = channel.readInbound();
        assertThat(request.uri()).isEqualTo("/a");
        HttpContent content = channel.readInbound();
        assertThat(content).isInstanceOf(LastHttpContent.class);
        assertThat(content.content().toString(StandardCharsets.US_ASCII)).isEqualTo("abc");
        content.release();
        assertFalse(channel.finishAndReleaseAll());
    }

    @Test
    void refusedRequestBecomesOneRejectionAndLaterInputIsDropped() {
        EmbeddedChannel channel = channel();
        write(channel, "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n");

        RejectedRequest rejected = channel.readInbound();
        assertThat(rejected.error()).isEqualTo(ProxyError.BAD_REQUEST);
        Object next = channel.readInbound();
        assertThat(next).isNull();
        assertFalse(channel.finishAndReleaseAll());
    }

    @Test
    void foldAfterACompleteRequestIsStillSeen() {
        EmbeddedChannel channel = channel();
        write(channel, "GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
        HttpRequest first = channel.readInbound();
        assertThat(first.uri()).isEqualTo("/a");
        LastHttpContent end = channel.readInbound();
        end.release();

        write(channel, "GET /b HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n\t2\r\n\r\n");

        RejectedRequest rejected = channel.readInbound();
        assertThat(rejected.message())
                .isEqualTo("the request is malformed: obsolete line folding in a header (RFC 9112 section 5.2)");
        assertFalse(channel.finishAndReleaseAll());
    }

    @Test
    void bodyBytesThatLookLikeAFoldAreNotRefused() {
        EmbeddedChannel channel = channel();
        write(channel, "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\n\r\n");
        HttpRequest request = channel.readInbound();
        assertThat(request.uri()).isEqualTo("/a");

        write(channel, "\r\n x\r\n");

        HttpContent content = channel.readInbound();
        assertThat(content.content().toString(StandardCharsets.US_ASCII)).isEqualTo("\r\n x\r\n");
        content.release();
        assertFalse(channel.finishAndReleaseAll());
    }

    @Test
    void foldInAPipelinedHeadAfterAChunkedBodyInTheSameReadIsSeen() {
        EmbeddedChannel channel = channel();
        write(channel, "POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3;ext=1\r\n\r\n \r\n0\r\nX-Trailer: t\r\n\r\n"
                + "GET /b HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n 2\r\n\r\n");

        RejectedRequest rejected = channel.readInbound();
        assertThat(rejected.message())
                .isEqualTo("the request is malformed: obsolete line folding in a header (RFC 9112 section 5.2)");
        Object next = channel.readInbound();
        assertThat(next).isNull();
        assertFalse(channel.finishAndReleaseAll());
    }

    @Test
    void pipelinedRequestsSplitAnywhereAreFollowed() {
        String requests = "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\n\r\n \t"
                + "GET /b HTTP/1.1\r\nHost: x\r\n\r\n"
                + "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n\n \r\n0\r\n\r\n"
                + "GET /d HTTP/1.1\r\nHost: x\r\n\r\n";
        for (int split = 1; split < requests.length(); split++) {
            EmbeddedChannel channel = channel();
            write(channel, requests.substring(0, split));
            write(channel, requests.substring(split));
            StringBuilder uris = new StringBuilder();
            for (Object msg; (msg = channel.readInbound()) != null; ) {
                assertThat(msg).as("split at %d", split).isNotInstanceOf(RejectedRequest.class);
                if (msg instanceof HttpRequest request) {
                    uris.append(request.uri());
                }
                io.netty.util.ReferenceCountUtil.release(msg);
            }
            assertThat(uris.toString()).as("split at %d", split).isEqualTo("/a/b/c/d");
            assertFalse(channel.finishAndReleaseAll());
        }
    }
}
