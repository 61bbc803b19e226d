package io.sealgate.proxy.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * The upstream-to-client direction of one exchange. It asks the upstream for the next message only after the
 * previous one was written to the client and the client is writable.
 *
 * <p>{@code Expect: 100-continue}: Sealgate forwards the expectation and relays the upstream's {@code 100 Continue}
 * instead of answering it itself, so an upstream that refuses the upload (401, 413, ...) is heard before the client
 * sends the body. Other 1xx responses are dropped.
 */
final class ResponseRelay implements BackendHandler.Listener {

    private final FrontendHandler frontend;
    private final RequestRelay requests;
    private final Exchange ex;
    private final ChannelHandlerContext client;
    private boolean responseReceived;

    ResponseRelay(FrontendHandler frontend, RequestRelay requests, Exchange ex, ChannelHandlerContext client) {
        this.frontend = frontend;
        this.requests = requests;
        this.ex = ex;
        this.client = client;
    }

    /** Whether the upstream's last response content has arrived. */
    boolean responseReceived() {
        return responseReceived;
    }

    @Override
    public void onUpstreamMessage(HttpObject msg) {
        if (msg.decoderResult().isFailure()) {
            Throwable cause = msg.decoderResult().cause();
            ReferenceCountUtil.release(msg);
            requests.onUpstreamFailure(ex, new MalformedUpstreamResponseException(cause));
            return;
        }
        if (msg instanceof HttpResponse response) {
            onResponseHead(response);
        }
        if (msg instanceof HttpContent content) {
            onResponseContent(content);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onResponseHead(HttpResponse response) {
        if (response.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
            ex.inInformational = true;
            if (response.status().code() == 100 && ex.expectContinue && !ex.continueSent) {
                ex.continueSent = true;
                client.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                        Unpooled.EMPTY_BUFFER));
            }
            ex.backendHandler.read(ex.requestWritten);
            return;
        }
        int code = response.status().code();
        boolean bodyless = ex.headRequest || code == 204 || code == 304;
        ex.responseStarted = true;
        ex.status = code;
        ex.upstreamKeepAlive = HttpUtil.isKeepAlive(response);
        if (frontend.closing() || !ex.requestDone || (!bodyless && !ex.clientHttp11 && !response.headers().contains(
                HttpHeaderNames.CONTENT_LENGTH))) {
            // Shutting down, the upstream answered before the whole request arrived, or the body must be
            // delimited by closing the connection.
            ex.clientKeepAlive = false;
        }
        if (!ex.clientKeepAlive) {
            frontend.markClosing();
        }
        HttpResponse out = ProxyHeaders.clientResponse(response, bodyless, ex.clientHttp11, ex.clientKeepAlive
                && !ex.discardBody, ex.requestId());
        client.writeAndFlush(out).addListener(f -> {
            if (f.isSuccess()) {
                requestUpstreamRead();
            } else {
                client.close();
            }
        });
    }

    private void onResponseContent(HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        if (ex.inInformational) {
            content.release();
            if (last) {
                ex.inInformational = false;
                ex.backendHandler.read(ex.requestWritten);
            }
            return;
        }
        ex.bytesOut += content.content().readableBytes();
        if (last) {
            responseReceived = true;
            if (ex.requestWritten || !ex.requestDone) {
                releaseBackend();
            }
        }
        client.writeAndFlush(content).addListener(f -> {
            if (!f.isSuccess()) {
                client.close();
            } else if (last) {
                ex.responseDone = true;
                frontend.finishIfDone();
            } else if (client.channel().isWritable()) {
                requestUpstreamRead();
            } else {
                ex.pendingUpstreamRead = true;
            }
        });
    }

    /**
     * Hands the upstream connection back: to the pool when both sides finished cleanly and the upstream keeps the
     * connection alive, otherwise it is closed. Request content that has not been sent yet is then dropped.
     */
    void releaseBackend() {
        Channel backend = ex.backend;
        if (backend == null) {
            return;
        }
        ex.backend = null;
        ex.backendHandler.detach();
        if (ex.upstreamKeepAlive && ex.requestWritten) {
            ex.pool.release(backend);
        } else {
            ex.discardBody = true;
            backend.close();
        }
    }

    void onClientWritable() {
        if (ex.pendingUpstreamRead) {
            ex.pendingUpstreamRead = false;
            requestUpstreamRead();
        }
    }

    private void requestUpstreamRead() {
        if (ex.backend != null) {
            ex.backendHandler.read(ex.requestWritten);
        }
    }

    @Override
    public void onUpstreamWritable() {
        requests.onUpstreamWritable(ex);
    }

    @Override
    public void onUpstreamFailure(Throwable cause) {
        requests.onUpstreamFailure(ex, cause);
    }
}
