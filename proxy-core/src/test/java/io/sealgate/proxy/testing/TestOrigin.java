package io.sealgate.proxy.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP/1.1 origin on loopback for proxy tests, recording every connection and request. Paths:
 * <ul>
 *   <li>{@code /echo}: streams the request body back (same framing as the request)</li>
 *   <li>{@code /sink}: consumes the body, answers {@code "<bytes> <sha256>"}</li>
 *   <li>{@code /bytes?n=N&chunked=true|false}: {@link TestData} bytes</li>
 *   <li>{@code /status/N}: an empty response with that status</li>
 *   <li>{@code /head}: {@code Content-Length: 1234}, body only for GET</li>
 *   <li>{@code /headers}: the received request line and headers as text</li>
 *   <li>{@code /silent}: never answers</li>
 *   <li>{@code /early}: answers 413 and closes at once, without reading the body</li>
 *   <li>{@code /hop}: a response carrying hop-by-hop headers</li>
 * </ul>
 * Requests with {@code Expect: 100-continue} get a {@code 100 Continue} first. Everything else answers
 * {@code "ok <path>"}. Back-pressure: it stops reading while the proxy is not reading its responses.
 */
public final class TestOrigin implements AutoCloseable {

    /** One request as the origin saw it. */
    public record Recorded(String method, String uri, HttpHeaders headers, int connection,
                           String clientCertificateSubject) {}

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final boolean tls;

    private TestOrigin(SslContext sslContext) {
        this.tls = sslContext != null;
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        int id = connections.incrementAndGet();
                        if (sslContext != null) {
                            ch.pipeline().addLast(sslContext.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new HttpServerCodec(), new OriginHandler(id));
                    }
                })
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    public static TestOrigin start() {
        return new TestOrigin(null);
    }

    public static TestOrigin startTls(SslContext sslContext) {
        return new TestOrigin(sslContext);
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    public URI baseUrl() {
        return URI.create((tls ? "https" : "http") + "://127.0.0.1:" + port());
    }

    /** Connections accepted so far (including ones that never sent a request). */
    public int connections() {
        return connections.get();
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    public Recorded lastRequest() {
        return requests.get(requests.size() - 1);
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class OriginHandler extends ChannelInboundHandlerAdapter {
        private final int connection;
        private String mode;
        private boolean chunkedEcho;
        private MessageDigest digest;
        private long received;
        private long toGenerate;
        private long generated;
        private boolean keepAlive;

        OriginHandler(int connection) {
            this.connection = connection;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request) {
                onRequest(ctx, request);
            }
            if (msg instanceof HttpContent content) {
                onContent(ctx, content);
            }
        }

        private void onRequest(ChannelHandlerContext ctx, HttpRequest request) {
            requests.add(new Recorded(request.method().name(), request.uri(), request.headers().copy(), connection,
                    clientCertificateSubject(ctx)));
            keepAlive = HttpUtil.isKeepAlive(request);
            QueryStringDecoder query = new QueryStringDecoder(request.uri());
            String path = query.path();
            received = 0;
            digest = TestData.sha256();
            if (HttpUtil.is100ContinueExpected(request)) {
                ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
            }
            if (path.equals("/echo")) {
                mode = "echo";
                chunkedEcho = HttpUtil.isTransferEncodingChunked(request);
                HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                if (chunkedEcho) {
                    HttpUtil.setTransferEncodingChunked(response, true);
                } else {
                    HttpUtil.setContentLength(response, HttpUtil.getContentLength(request, 0L));
                }
                ctx.writeAndFlush(response);
            } else if (path.equals("/silent")) {
                mode = "silent";
            } else if (path.equals("/early")) {
                // Refuses the upload at once, without reading it, as an upstream with a size limit does.
                mode = "silent";
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                        HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE);
                HttpUtil.setContentLength(response, 0);
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(response).addListener(io.netty.channel.ChannelFutureListener.CLOSE);
            } else {
                mode = path;
                pendingRequest = request;
            }
        }

        private HttpRequest pendingRequest;

        private void onContent(ChannelHandlerContext ctx, HttpContent content) {
            boolean last = content instanceof LastHttpContent;
            ByteBuf data = content.content();
            received += data.readableBytes();
            if ("echo".equals(mode)) {
                HttpContent out = last ? new DefaultLastHttpContent(data) : new DefaultHttpContent(data);
                ctx.writeAndFlush(out);
                if (!ctx.channel().isWritable()) {
                    ctx.channel().config().setAutoRead(false);
                }
                return;
            }
            byte[] bytes = new byte[data.readableBytes()];
            data.readBytes(bytes);
            digest.update(bytes);
            content.release();
            if (last && !"silent".equals(mode)) {
                respond(ctx, pendingRequest);
            }
        }

        private void respond(ChannelHandlerContext ctx, HttpRequest request) {
            QueryStringDecoder query = new QueryStringDecoder(request.uri());
            String path = query.path();
            if (path.equals("/sink")) {
                full(ctx, HttpResponseStatus.OK, received + " " + HexFormat.of().formatHex(digest.digest()));
            } else if (path.startsWith("/status/")) {
                HttpResponseStatus status = HttpResponseStatus.valueOf(Integer.parseInt(path.substring(8)));
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
                if (status.code() != 204 && status.code() != 304) {
                    HttpUtil.setContentLength(response, 0);
                }
                write(ctx, response);
            } else if (path.equals("/head")) {
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                        request.method().equals(HttpMethod.HEAD) ? Unpooled.EMPTY_BUFFER
                                : Unpooled.wrappedBuffer(new byte[1234]));
                HttpUtil.setContentLength(response, 1234);
                write(ctx, response);
            } else if (path.equals("/hop")) {
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                HttpUtil.setContentLength(response, 0);
                response.headers().set(HttpHeaderNames.CONNECTION, "X-Secret-Hop")
                        .set("X-Secret-Hop", "1").set("Keep-Alive", "timeout=5")
                        .set(HttpHeaderNames.PROXY_AUTHENTICATE, "Basic").set("X-End-To-End", "kept");
                ctx.writeAndFlush(response);
            } else if (path.equals("/headers")) {
                StringBuilder text = new StringBuilder(request.method() + " " + request.uri() + "\n");
                for (Map.Entry<String, String> header : request.headers()) {
                    text.append(header.getKey()).append(": ").append(header.getValue()).append('\n');
                }
                full(ctx, HttpResponseStatus.OK, text.toString());
            } else if (path.equals("/bytes")) {
                toGenerate = Long.parseLong(query.parameters().get("n").get(0));
                generated = 0;
                boolean chunked = "true".equals(query.parameters().getOrDefault("chunked", List.of("false")).get(0));
                HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                if (chunked) {
                    HttpUtil.setTransferEncodingChunked(response, true);
                } else {
                    HttpUtil.setContentLength(response, toGenerate);
                }
                ctx.write(response);
                mode = "generate";
                generate(ctx);
            } else {
                full(ctx, HttpResponseStatus.OK, "ok " + path);
            }
        }

        private void generate(ChannelHandlerContext ctx) {
            while (ctx.channel().isWritable() && generated < toGenerate) {
                int n = (int) Math.min(16384, toGenerate - generated);
                byte[] chunk = new byte[n];
                TestData.fill(chunk, n, generated);
                generated += n;
                ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk)));
            }
            if (generated >= toGenerate && "generate".equals(mode)) {
                mode = "done";
                ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            }
        }

        private void full(ChannelHandlerContext ctx, HttpResponseStatus status, String body) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            HttpUtil.setContentLength(response, response.content().readableBytes());
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN);
            write(ctx, response);
        }

        private void write(ChannelHandlerContext ctx, FullHttpResponse response) {
            if (!keepAlive) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(response).addListener(io.netty.channel.ChannelFutureListener.CLOSE);
            } else {
                ctx.writeAndFlush(response);
            }
        }

        private String clientCertificateSubject(ChannelHandlerContext ctx) {
            io.netty.handler.ssl.SslHandler ssl = ctx.pipeline().get(io.netty.handler.ssl.SslHandler.class);
            if (ssl == null) {
                return null;
            }
            try {
                return ssl.engine().getSession().getPeerPrincipal().getName();
            } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                return null;
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                if ("generate".equals(mode)) {
                    generate(ctx);
                } else {
                    ctx.channel().config().setAutoRead(true);
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
