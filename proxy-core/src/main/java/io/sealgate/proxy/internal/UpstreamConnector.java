package io.sealgate.proxy.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.sealgate.config.UpstreamConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Executor;

/**
 * Opens connections to one upstream: resolves its host off the event loop, connects with the upstream's connect
 * timeout, and for {@code https} upstreams completes the TLS handshake (SNI and hostname verification) before
 * handing the channel out. The pipeline is {@code [SslHandler] HttpClientCodec ReadPacer BackendHandler},
 * with auto-read off: the relay asks for every message itself.
 */
final class UpstreamConnector {

    private static final int MAX_RESPONSE_LINE_BYTES = 8192;
    private static final int MAX_RESPONSE_HEADER_BYTES = 65536;
    private static final int MAX_CHUNK_BYTES = 65536;

    private final UpstreamConfig upstream;
    private final Transport transport;
    private final SslContext sslContext;
    private final Executor resolverExecutor;
    private final String host;

    /** @param sslContext  client context for https upstreams, null for http */
    UpstreamConnector(UpstreamConfig upstream, Transport transport, SslContext sslContext, Executor resolverExecutor) {
        this.upstream = upstream;
        this.transport = transport;
        this.sslContext = sslContext;
        this.resolverExecutor = resolverExecutor;
        String h = upstream.baseUrl().getHost();
        this.host = h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    UpstreamConfig upstream() {
        return upstream;
    }

    Future<Channel> connect(EventLoop loop) {
        Promise<Channel> promise = loop.newPromise();
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(host);
        if (literal != null) {
            try {
                connect(loop, new InetSocketAddress(InetAddress.getByAddress(host, literal), upstream.port()), promise);
            } catch (UnknownHostException e) {
                promise.setFailure(e);
            }
            return promise;
        }
        // InetAddress.getByName may block on DNS: never on the event loop.
        resolverExecutor.execute(() -> {
            try {
                InetAddress address = InetAddress.getByName(host);
                loop.execute(() -> connect(loop, new InetSocketAddress(address, upstream.port()), promise));
            } catch (UnknownHostException e) {
                promise.tryFailure(e);
            }
        });
        return promise;
    }

    private void connect(EventLoop loop, InetSocketAddress address, Promise<Channel> promise) {
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(transport.socketChannelClass())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) upstream.connectTimeout().toMillis())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (sslContext != null) {
                            SslHandler ssl = sslContext.newHandler(ch.alloc(), host, upstream.port());
                            ssl.setHandshakeTimeoutMillis(upstream.connectTimeout().toMillis());
                            ch.pipeline().addLast("tls", ssl);
                        }
                        ch.pipeline().addLast("http", new HttpClientCodec(
                                MAX_RESPONSE_LINE_BYTES, MAX_RESPONSE_HEADER_BYTES, MAX_CHUNK_BYTES));
                        ch.pipeline().addLast("flow", new ReadPacer());
                        ch.pipeline().addLast("backend", new BackendHandler(upstream.readTimeout().toMillis()));
                    }
                });
        ChannelFuture connect = bootstrap.connect(address);
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                promise.tryFailure(f.cause());
                return;
            }
            Channel channel = connect.channel();
            SslHandler ssl = channel.pipeline().get(SslHandler.class);
            if (ssl == null) {
                promise.trySuccess(channel);
                return;
            }
            ssl.handshakeFuture().addListener(h -> {
                if (h.isSuccess()) {
                    promise.trySuccess(channel);
                } else {
                    channel.close();
                    promise.tryFailure(h.cause());
                }
            });
            channel.read(); // the handshake needs reads; auto-read is off
        });
    }
}
