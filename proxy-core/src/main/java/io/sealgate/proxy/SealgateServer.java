package io.sealgate.proxy;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.sealgate.config.ListenerConfig;
import io.sealgate.config.SealgateConfig;
import io.sealgate.proxy.actions.SigningActions;
import io.sealgate.proxy.auth.LoginEndpoints;
import io.sealgate.proxy.internal.ListenerInitializer;
import io.sealgate.proxy.internal.ProxyRuntime;
import io.sealgate.proxy.internal.ReloadingServerSslContext;
import io.sealgate.proxy.internal.Transport;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.service.SigningService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Sealgate proxy: every listener of a {@link SealgateConfig} bound and serving.
 *
 * <p>{@link #start} binds all listeners or none: when a port is taken it releases what it bound and throws an
 * {@link IOException} naming the address. {@link #close} shuts down gracefully: it stops accepting, lets in-flight
 * requests finish for up to {@code server.shutdownGrace}, then closes what is left. Thread-safe.
 */
public final class SealgateServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SealgateServer.class);
    /** How often listener certificate files are checked for changes. */
    private static final long TLS_RELOAD_CHECK_MILLIS = 1000;

    private final SealgateConfig config;
    private final EventLoopGroup group;
    private final ExecutorService resolver;
    private final ScheduledExecutorService tlsWatcher;
    private final ProxyRuntime runtime;
    /** The sign-upload, approve and verify-upload routes; null when every route passes. */
    private final SigningActions actions;
    private final List<Channel> serverChannels = new ArrayList<>();
    private final List<InetSocketAddress> boundAddresses = new ArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private boolean closing;

    private SealgateServer(SealgateConfig config, Transport transport, SigningActions actions) throws IOException {
        this.config = config;
        this.actions = actions;
        this.resolver = Executors.newFixedThreadPool(2, new DefaultThreadFactory("sealgate-dns", true));
        this.tlsWatcher = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("sealgate-tls", true));
        this.group = transport.newEventLoopGroup(config.server().ioThreads());
        this.runtime = ProxyRuntime.create(config, transport, resolver);
        runtime.actions(actions);
    }

    /**
     * Binds every listener and starts serving.
     *
     * @throws IOException when a listener cannot be bound (the message names the address), its TLS files cannot
     *                     be loaded, or the revoked-sessions file of the browser login cannot be used; nothing stays
     *                     bound then
     */
    public static SealgateServer start(SealgateConfig config) throws IOException {
        // Reads the logouts kept across restarts first: a file that cannot be used stops the start.
        LoginEndpoints.open(config);
        SigningActions actions = null;
        if (SigningActions.needed(config)) {
            try {
                actions = SigningActions.open(config);
            } catch (SigningException e) {
                throw new IOException("cannot start signing: " + e.getMessage(), e);
            }
        }
        return start(config, actions);
    }

    /**
     * Like {@link #start(SealgateConfig)}, with a signing service the caller opened and keeps owning (it stays open
     * after {@link #close}).
     */
    public static SealgateServer start(SealgateConfig config, SigningService signing) throws IOException {
        LoginEndpoints.open(config);
        try {
            return start(config, SigningActions.create(config, signing, false));
        } catch (SigningException e) {
            throw new IOException("cannot start signing: " + e.getMessage(), e);
        }
    }

    private static SealgateServer start(SealgateConfig config, SigningActions actions) throws IOException {
        Transport transport = Transport.detect();
        SealgateServer server;
        try {
            server = new SealgateServer(config, transport, actions);
        } catch (IOException | RuntimeException e) {
            if (actions != null) {
                actions.close();
            }
            throw e;
        }
        try {
            for (ListenerConfig listener : config.listeners()) {
                server.bind(listener, transport);
            }
        } catch (IOException | RuntimeException e) {
            server.shutdownNow();
            throw e;
        }
        LOG.info("Sealgate listening on {} ({} transport)", server.boundAddresses, transport.name());
        return server;
    }

    private void bind(ListenerConfig listener, Transport transport) throws IOException {
        String name = listener.host() + ":" + listener.port();
        ReloadingServerSslContext tls = null;
        if (listener.tls().isPresent()) {
            ReloadingServerSslContext context = ReloadingServerSslContext.load(listener.tls().get(), name);
            tlsWatcher.scheduleWithFixedDelay(context::reloadIfChanged, TLS_RELOAD_CHECK_MILLIS,
                    TLS_RELOAD_CHECK_MILLIS, TimeUnit.MILLISECONDS);
            tls = context;
        }
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ListenerInitializer(runtime, tls, listener));
        ChannelFuture bound = bootstrap.bind(listener.host(), listener.port()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            Throwable cause = bound.cause();
            String reason = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
            // Native transports say "bind(..) failed with error(-98): Address already in use"; keep the sentence.
            String sentence = reason.replaceFirst("^.*failed with error\\(-?\\d+\\): ", "")
                    .replaceFirst("^.*failed: ", "");
            throw new IOException("cannot listen on " + name + ": " + sentence, cause);
        }
        serverChannels.add(bound.channel());
        boundAddresses.add((InetSocketAddress) bound.channel().localAddress());
    }

    /** The bound address of every listener, in config order; the real port when the config asked for port 0. */
    public List<InetSocketAddress> boundAddresses() {
        return List.copyOf(boundAddresses);
    }

    /** The Prometheus registry behind {@code <reservedPrefix>metrics}. */
    public PrometheusMeterRegistry meterRegistry() {
        return runtime.metrics().registry();
    }

    /**
     * Graceful shutdown: stops accepting, closes idle client connections, lets in-flight exchanges finish for up to
     * {@code server.shutdownGrace}, then closes everything. Blocks until done; later calls return at once.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                awaitClosed();
                return;
            }
            closing = true;
        }
        try {
            for (Channel channel : serverChannels) {
                channel.close().awaitUninterruptibly();
            }
            ChannelGroup clients = runtime.drain();
            long graceMillis = config.server().shutdownGrace().toMillis();
            if (!clients.newCloseFuture().awaitUninterruptibly(graceMillis)) {
                LOG.warn("{} connection(s) still busy after the {} ms shutdown grace; closing them", clients.size(),
                        graceMillis);
            }
            clients.close().awaitUninterruptibly();
            runtime.closeUpstreams();
        } finally {
            shutdownNow();
        }
    }

    private void shutdownNow() {
        tlsWatcher.shutdownNow();
        resolver.shutdownNow();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        if (actions != null) {
            actions.close();
        }
        closed.countDown();
    }

    /** Blocks until {@link #close} has finished (for a {@code main} thread that waits for SIGTERM). */
    public void awaitClosed() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Registers a JVM shutdown hook that calls {@link #close}, so SIGTERM and Ctrl-C shut down gracefully.
     *
     * @return the hook, for {@link Runtime#removeShutdownHook}
     */
    public Thread closeOnShutdown() {
        Thread hook = new Thread(this::close, "sealgate-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }
}
