package io.sealgate.proxy.internal;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import io.sealgate.config.ListenerConfig;
import io.sealgate.config.ServerSettings;
import java.util.concurrent.TimeUnit;

/**
 * Builds the pipeline of every client connection, in one place:
 * <pre>
 * [tls: SslHandler from the current (reloadable) context]
 * idle: IdleStateHandler (server.idleTimeout)
 * obs-fold: ObsFoldGuard          bytes: refuses folded header lines before the decoder joins them
 * http: HttpServerCodec           strict line parsing, RFC 9112 transfer-encoding rules, size limits
 * validate: RequestValidator      smuggling defences; bad requests become RejectedRequest
 * flow: ReadPacer                 one message per read(): the basis of back-pressure
 * frontend: FrontendHandler       routing, Sealgate endpoints, relay to the upstream
 * </pre>
 */
public final class ListenerInitializer extends ChannelInitializer<SocketChannel> {

    /** Body chunks are at most this large; with one chunk in flight per direction it bounds memory per exchange. */
    static final int MAX_CHUNK_BYTES = 65536;

    /** The listener a connection came in on: its identity sources apply to the signing routes it serves. */
    static final AttributeKey<ListenerConfig> LISTENER = AttributeKey.valueOf("sealgate.listener");

    private final ProxyRuntime runtime;
    private final ReloadingServerSslContext tls;
    private final ListenerConfig listener;

    /** @param tls  null for plain-text listeners */
    public ListenerInitializer(ProxyRuntime runtime, ReloadingServerSslContext tls, ListenerConfig listener) {
        this.runtime = runtime;
        this.tls = tls;
        this.listener = listener;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ServerSettings settings = runtime.config().server();
        ch.attr(LISTENER).set(listener);
        ChannelPipeline p = ch.pipeline();
        if (tls != null) {
            p.addLast("tls", tls.current().newHandler(ch.alloc()));
        }
        p.addLast("idle", new IdleStateHandler(0, 0, settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
        p.addLast("obs-fold", new ObsFoldGuard());
        p.addLast("http", new HttpServerCodec(decoderConfig(settings)));
        p.addLast("validate", new RequestValidator());
        p.addLast("flow", new ReadPacer());
        p.addLast("frontend", new FrontendHandler(runtime, tls != null));
    }

    /** Netty's decoder, made as strict as it goes. */
    static HttpDecoderConfig decoderConfig(ServerSettings settings) {
        return new HttpDecoderConfig()
                .setMaxInitialLineLength(settings.maxInitialLineBytes())
                .setMaxHeaderSize(settings.maxHeaderBytes())
                .setMaxChunkSize(MAX_CHUNK_BYTES)
                .setStrictLineParsing(true)
                .setUseRfc9112TransferEncoding(true)
                .setAllowDuplicateContentLengths(false)
                .setAllowPartialChunks(true)
                .setValidateHeaders(true);
    }
}
