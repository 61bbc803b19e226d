package io.sealgate.proxy.internal;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.sealgate.config.RouteConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLSession;

/**
 * One exchange handed to an {@link ActionDispatcher}: the request head, the route and its path variables, the
 * request body as it arrives ({@link Handler#onContent}), requests to the route's upstream over the shared pools, and
 * the one answer. Methods may be called from any thread; they hop to the client's event loop.
 */
public final class ActionExchange {

    /** Receives the request body and the client's departure, on the event loop. */
    public interface Handler {
        /** Takes ownership of {@code content}; call {@link #read()} for the next one. */
        void onContent(HttpContent content);

        /** The client connection closed before the answer was sent. */
        void onClientGone();
    }

    private final FrontendHandler frontend;
    private final ChannelHandlerContext ctx;
    private final Exchange ex;
    private final RouteConfig route;
    private final Map<String, String> variables;
    private final HttpRequest request;
    private final String rawTarget;
    private final InetSocketAddress client;
    private final boolean tls;
    private Handler handler;
    private boolean answered;

    ActionExchange(FrontendHandler frontend, ChannelHandlerContext ctx, Exchange ex, RouteConfig route,
                   Map<String, String> variables, HttpRequest request, String rawTarget, InetSocketAddress client,
                   boolean tls) {
        this.frontend = frontend;
        this.ctx = ctx;
        this.ex = ex;
        this.route = route;
        this.variables = Map.copyOf(variables);
        this.request = request;
        this.rawTarget = rawTarget;
        this.client = client;
        this.tls = tls;
    }

    public String requestId() {
        return ex.requestId();
    }

    public RouteConfig route() {
        return route;
    }

    /** The variables the route's match path captured, percent-decoded. */
    public Map<String, String> pathVariables() {
        return variables;
    }

    public HttpMethod method() {
        return request.method();
    }

    /** The client's request headers (read-only use). */
    public HttpHeaders requestHeaders() {
        return request.headers();
    }

    /** The connecting peer (a gateway in front of Sealgate, or the client itself). */
    public InetSocketAddress client() {
        return client;
    }

    /** The listener the request came in on; empty only for channels not built by a {@link ListenerInitializer}. */
    public Optional<io.sealgate.config.ListenerConfig> listener() {
        return Optional.ofNullable(ctx.channel().attr(ListenerInitializer.LISTENER).get());
    }

    /** The connection's TLS session (with the client certificate of an mTLS listener); empty on plain text. */
    public Optional<SSLSession> tlsSession() {
        return Optional.ofNullable(ctx.pipeline().get(SslHandler.class)).map(h -> h.engine().getSession());
    }

    /** The raw path without query. */
    public String rawPath() {
        return ex.path();
    }

    /** The raw path and query as the client sent them. */
    public String rawTarget() {
        return rawTarget;
    }

    /** The request's Content-Length, or -1 when chunked or absent. */
    public long declaredLength() {
        return ex.declaredLength;
    }

    public boolean hasBody() {
        return ex.requestHasBody;
    }

    public EventLoop eventLoop() {
        return ctx.channel().eventLoop();
    }

    public ByteBufAllocator alloc() {
        return ctx.alloc();
    }

    /** Installs the body handler; call from {@link ActionDispatcher#start}. */
    public void handler(Handler h) {
        this.handler = h;
    }

    void onContent(HttpContent content) {
        if (handler == null || answered) {
            content.release();
            return;
        }
        handler.onContent(content);
    }

    void onClientGone() {
        if (handler != null && !answered) {
            handler.onClientGone();
        }
    }

    /** Whether the client is still waiting for this exchange's answer. */
    public boolean isOpen() {
        return !answered && frontend.isCurrent(ex) && ctx.channel().isActive();
    }

    /** Asks for the next request body chunk (after {@code 100 Continue} when the client expects one). */
    public void read() {
        onLoop(() -> {
            if (!frontend.isCurrent(ex) || answered) {
                return;
            }
            if (ex.expectContinue && !ex.continueSent) {
                ex.continueSent = true;
                ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                        Unpooled.EMPTY_BUFFER));
            }
            ctx.read();
        });
    }

    /** Answers with Sealgate's JSON error body. */
    public void respondError(HttpResponseStatus status, String code, String message, HttpHeaders extraHeaders) {
        onLoop(() -> {
            if (claim()) {
                FullHttpResponse response = ErrorResponses.of(ctx.alloc(), status, code, message, ex.requestId(),
                        false);
                if (extraHeaders != null) {
                    response.headers().add(extraHeaders);
                }
                frontend.answer(response);
            }
        });
    }

    /**
     * Answers with {@code body}. Hop-by-hop headers of {@code headers} are removed, framing is set, {@code Via} and
     * the request id are added: {@code headers} may be an upstream response's.
     */
    public void respond(int status, HttpHeaders headers, byte[] body) {
        onLoop(() -> {
            if (!claim()) {
                return;
            }
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
            response.headers().add(headers);
            ProxyHeaders.removeHopByHop(response.headers());
            response.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
            if (!(ex.headRequest || status == 204 || status == 304)) {
                response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            }
            response.headers().add(HttpHeaderNames.VIA, ProxyHeaders.VIA);
            response.headers().set(ErrorResponses.REQUEST_ID_HEADER, ex.requestId());
            frontend.answer(response);
        });
    }

    private boolean claim() {
        if (answered || !frontend.isCurrent(ex)) {
            return false;
        }
        answered = true;
        return true;
    }

    /**
     * The head of a request Sealgate sends upstream on the client's behalf: the client's headers (hop-by-hop removed,
     * forwarding headers added, Sealgate's own credentials stripped) with another method and target.
     *
     * @param dropAuthorization remove {@code Authorization} (it carried Sealgate's own bearer token); the route's
     *                          {@code forward-authorization: false} removes it too
     */
    public HttpRequest upstreamHead(HttpMethod method, String rawPathAndQuery, boolean dropAuthorization) {
        HttpRequest head = ProxyHeaders.upstreamRequest(request, rawPathAndQuery, ex.upstream, client, tls,
                ex.requestId());
        head.setMethod(method);
        head.headers().remove(HttpHeaderNames.CONTENT_LENGTH).remove(HttpHeaderNames.TRANSFER_ENCODING)
                .remove(HttpHeaderNames.EXPECT);
        frontend.upstreamCredentials().strip(head.headers(),
                dropAuthorization || (route != null && !route.forwardAuthorization()));
        return head;
    }

    /**
     * Sends one complete request to the route's upstream.
     *
     * @param body             the request body, or null for none
     * @param responseFile     where the response body goes; null: in memory
     * @param maxResponseBytes longer response bodies fail the call
     * @param files            runs the file reads and writes
     */
    public Future<UpstreamReply> send(HttpRequest head, Path body, Path responseFile, long maxResponseBytes,
                                      Executor files) {
        EventLoop loop = eventLoop();
        Promise<UpstreamReply> result = loop.newPromise();
        onLoop(() -> UpstreamCall.send(ex.pool, loop, head, body, responseFile, maxResponseBytes, files)
                .addListener(f -> {
                    if (f.isSuccess()) {
                        result.trySuccess((UpstreamReply) f.getNow());
                    } else {
                        result.tryFailure(f.cause());
                    }
                }));
        return result;
    }

    /** The status for an upstream failure: 504 for timeouts, else 502. */
    public HttpResponseStatus upstreamFailureStatus(Throwable cause) {
        return ErrorResponses.classifyUpstreamFailure(cause).status();
    }

    /** The error code for an upstream failure. */
    public String upstreamFailureCode(Throwable cause) {
        return ErrorResponses.classifyUpstreamFailure(cause).code();
    }

    /** A sentence describing an upstream failure. */
    public String describeUpstreamFailure(Throwable cause) {
        return ErrorResponses.describeUpstreamFailure(ex.upstream.name(),
                ex.upstream.baseUrl().getScheme() + "://" + ProxyHeaders.authority(ex.upstream), cause);
    }

    private void onLoop(Runnable task) {
        EventLoop loop = eventLoop();
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }
}
