package io.sealgate.proxy.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.NetUtil;
import io.netty.util.ReferenceCountUtil;
import io.sealgate.config.RouteAction;
import io.sealgate.config.RouteConfig;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of the relay: one instance per client connection, one exchange at a time. Auto-read is off and a
 * {@link ReadPacer} sits in front, so every {@code ctx.read()} yields at most one message; the
 * {@link RequestRelay} reads the next request chunk only after the previous one was written upstream and the
 * upstream is writable, and the {@link ResponseRelay} does the same in the other direction. That is the whole back-pressure story: at most one
 * chunk per direction is in memory.
 */
public final class FrontendHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(FrontendHandler.class);
    /** Request body bytes Sealgate reads and drops after answering a request itself, to keep the connection. */
    static final long MAX_DISCARD_BYTES = 1 << 20;

    private final ProxyRuntime runtime;
    private final ReservedEndpoints reserved;
    private final boolean tls;
    private ChannelHandlerContext ctx;
    private RequestRelay requests;
    private Exchange exchange;
    /** Close after the current exchange (shutdown, protocol error, or the client asked for it). */
    private boolean closing;

    public FrontendHandler(ProxyRuntime runtime, boolean tls) {
        this.runtime = runtime;
        this.reserved = new ReservedEndpoints(runtime);
        this.tls = tls;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.requests = new RequestRelay(this, ctx, runtime.metrics());
        runtime.clientConnected(ctx.channel());
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof RejectedRequest rejected) {
            onRejected(rejected);
        } else if (msg instanceof HttpRequest request) {
            if (exchange != null) {
                // Cannot happen while reads are paced correctly; refuse rather than interleave two exchanges.
                ReferenceCountUtil.release(msg);
                ctx.close();
                return;
            }
            startExchange(request);
        } else if (msg instanceof HttpContent content) {
            onRequestContent(content);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void startExchange(HttpRequest request) {
        InetSocketAddress client = (InetSocketAddress) ctx.channel().remoteAddress();
        Exchange ex = new Exchange(runtime.nextRequestId(), request.method().name(),
                NetUtil.toAddressString(client.getAddress()));
        exchange = ex;
        ex.clientKeepAlive = HttpUtil.isKeepAlive(request) && !runtime.draining();
        ex.clientHttp11 = HttpVersion.HTTP_1_1.equals(request.protocolVersion());
        ex.headRequest = HttpMethod.HEAD.equals(request.method());
        ex.expectContinue = HttpUtil.is100ContinueExpected(request);
        ex.declaredLength = HttpUtil.isTransferEncodingChunked(request) ? -1 : HttpUtil.getContentLength(request, -1L);
        ex.requestHasBody = HttpUtil.isTransferEncodingChunked(request) || ex.declaredLength > 0;
        String uri = request.uri();
        if (!uri.startsWith("/")) {
            answerError(ProxyError.BAD_REQUEST, "request target: " + abbreviate(uri)
                    + " (expected: a path starting with '/')");
            return;
        }
        int end = indexOfAny(uri, '?', '#');
        ex.path = end < 0 ? uri : uri.substring(0, end);
        if (reserved.owns(ex.path)) {
            ex.routeName = Exchange.RESERVED_ROUTE;
            if (reserved.takesOver(request.method(), ex.path)) {
                ex.action = new ActionExchange(this, ctx, ex, null, Map.of(), request,
                        uri.substring(0, fragmentStart(uri)), client, tls);
                reserved.start(ex.action);
            } else {
                answer(reserved.answer(ctx.alloc(), request.method(), ex.path, ex.requestId(),
                        mustCloseAfterLocalAnswer(ex)));
            }
            return;
        }
        Optional<RouteConfig> route = runtime.routes().match(ex.method(), ex.path, request.headers());
        if (route.isEmpty()) {
            answerError(ProxyError.NO_ROUTE, "no route matches " + ex.method() + " " + abbreviate(ex.path));
            return;
        }
        ex.routeName = route.get().name();
        if (route.get().action() != RouteAction.PASS
                && (runtime.actions() == null || runtime.actions().handles(route.get(), ex.method()))) {
            startAction(ex, route.get(), request, uri, client);
            return;
        }
        ex.upstream = runtime.config().upstreamOf(route.get());
        ex.pool = runtime.pools().poolFor(ctx.channel().eventLoop(), ex.upstream);
        ex.upstreamRequest = ProxyHeaders.upstreamRequest(request, uri.substring(0, fragmentStart(uri)),
                ex.upstream, client, tls, ex.requestId());
        // Sealgate's session and login cookies and the gateway's identity headers never reach the upstream.
        runtime.upstreamCredentials().strip(ex.upstreamRequest.headers(), !route.get().forwardAuthorization());
        requests.start(ex);
    }

    /** What {@link ActionExchange#upstreamHead} strips. */
    io.sealgate.proxy.auth.UpstreamCredentials upstreamCredentials() {
        return runtime.upstreamCredentials();
    }

    /** Hands a signing or verifying route's exchange to the {@link ActionDispatcher} (the only non-pass path). */
    private void startAction(Exchange ex, RouteConfig route, HttpRequest request, String uri,
                             InetSocketAddress client) {
        ActionDispatcher actions = runtime.actions();
        if (actions == null) {
            answerError(ProxyError.NOT_IMPLEMENTED, "route '" + ex.routeName + "': action "
                    + route.action().yamlName() + " needs the signing service, and this server runs without one");
            return;
        }
        ex.upstream = runtime.config().upstreamOf(route);
        ex.pool = runtime.pools().poolFor(ctx.channel().eventLoop(), ex.upstream);
        ex.action = new ActionExchange(this, ctx, ex, route, route.match().path().match(ex.path).orElseThrow(),
                request, uri.substring(0, fragmentStart(uri)), client, tls);
        actions.start(ex.action);
    }

    private void onRequestContent(HttpContent content) {
        Exchange ex = exchange;
        if (ex == null) {
            content.release();
            return;
        }
        boolean last = content instanceof LastHttpContent;
        if (ex.action != null && !ex.discardBody) {
            ex.bytesIn += content.content().readableBytes();
            ex.requestDone |= last;
            ex.action.onContent(content);
            return;
        }
        if (ex.discardBody || ex.backend == null) {
            ex.discardedBytes += content.content().readableBytes();
            content.release();
            if (ex.discardedBytes > MAX_DISCARD_BYTES && !last) {
                closing = true; // not worth reading any further: close once the response is out
                finishIfDone();
                return;
            }
            if (last) {
                ex.requestDone = true;
                finishIfDone();
            } else if (!closing) {
                ctx.read();
            }
            return;
        }
        ex.bytesIn += content.content().readableBytes();
        ex.requestDone |= last;
        requests.forward(ex, content);
    }

    private void onRejected(RejectedRequest rejected) {
        closing = true;
        Exchange ex = exchange;
        if (ex == null) {
            InetSocketAddress client = (InetSocketAddress) ctx.channel().remoteAddress();
            ex = new Exchange(runtime.nextRequestId(), "-", NetUtil.toAddressString(client.getAddress()));
            exchange = ex;
        }
        RequestRelay.closeBackend(ex);
        if (ex.responseStarted) {
            ctx.close();
        } else {
            answerError(rejected.error(), rejected.message());
        }
    }

    /** Answers the current exchange with an error (the one way Sealgate's own errors reach a client). */
    void answerError(ProxyError error, String message) {
        Exchange ex = exchange;
        answer(ErrorResponses.of(ctx.alloc(), error, message, ex.requestId(), mustCloseAfterLocalAnswer(ex)));
    }

    /** Answers the current exchange from Sealgate itself; request content still to come is dropped. */
    void answer(FullHttpResponse response) {
        Exchange ex = exchange;
        boolean close = mustCloseAfterLocalAnswer(ex);
        if (close) {
            closing = true;
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        ex.discardBody = true;
        ex.responseStarted = true;
        ex.status = response.status().code();
        ex.bytesOut += response.content().readableBytes();
        ctx.writeAndFlush(response).addListener(f -> {
            ex.responseDone = true;
            if (exchange == ex) {
                finishIfDone();
            }
        });
        if (!closing && !ex.requestDone) {
            ctx.read(); // consume the (empty) rest of the request before the next one
        }
    }

    /**
     * Whether the connection ends after a local answer. A request body still to come is read and dropped when it is
     * small, so the client can read the answer (closing with unread input makes the kernel reset the connection,
     * which can destroy the answer) and keep its connection; a large one is not worth reading.
     */
    private boolean mustCloseAfterLocalAnswer(Exchange ex) {
        long unread = ex.declaredLength - ex.bytesIn - ex.discardedBytes;
        return closing || !ex.clientKeepAlive
                || (ex.requestHasBody && !ex.requestDone && ex.declaredLength >= 0 && unread > MAX_DISCARD_BYTES);
    }

    /** Ends the exchange once both directions are complete, then reads the next request or closes. */
    void finishIfDone() {
        Exchange ex = exchange;
        if (ex == null || !ex.responseDone || !(ex.requestDone || closing || !ex.clientKeepAlive)) {
            return;
        }
        complete(ex);
        if (closing || !ex.clientKeepAlive || runtime.draining()) {
            ctx.close();
        } else {
            ctx.read();
        }
    }

    private void complete(Exchange ex) {
        exchange = null;
        long duration = System.nanoTime() - ex.startNanos;
        runtime.metrics().requestCompleted(ex.routeName(), ex.status(), duration, ex.bytesIn(), ex.bytesOut());
        runtime.accessLog().log(ex, duration);
    }

    /** Whether {@code ex} is still the exchange in progress (callbacks may outlive it). */
    boolean isCurrent(Exchange ex) {
        return exchange == ex;
    }

    void markClosing() {
        closing = true;
    }

    /** Whether the connection closes after the current exchange. */
    boolean closing() {
        return closing;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Exchange ex = exchange;
        if (ctx.channel().isWritable() && ex != null && ex.relay != null) {
            ex.relay.onClientWritable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        runtime.clientDisconnected();
        Exchange ex = exchange;
        if (ex != null) {
            RequestRelay.closeBackend(ex);
            if (ex.action != null) {
                ex.action.onClientGone();
            }
            if (!ex.responseDone) {
                ex.status = ex.responseStarted ? ex.status : 499; // client went away first (nginx's convention)
            }
            complete(ex);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ProxyRuntime.DRAIN_EVENT) {
            closing = true;
            if (exchange == null) {
                ctx.close();
            }
        } else if (evt instanceof IdleStateEvent) {
            // Idle between requests, or a client that stopped sending its body; a slow upstream is the read
            // timeout's business, and a slow reader of the response shows as writability, not idleness.
            Exchange ex = exchange;
            if (ex == null || (!ex.requestDone && !ex.pendingClientRead && !ex.responseStarted)) {
                ctx.close();
            }
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("client connection {} failed", ctx.channel(), cause);
        ctx.close();
    }

    private static int indexOfAny(String s, char a, char b) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == a || c == b) {
                return i;
            }
        }
        return -1;
    }

    private static int fragmentStart(String uri) {
        int hash = uri.indexOf('#');
        return hash < 0 ? uri.length() : hash;
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
