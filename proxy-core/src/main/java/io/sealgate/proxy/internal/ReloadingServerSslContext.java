package io.sealgate.proxy.internal;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.sealgate.config.ListenerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listener's TLS context, rebuilt when its PEM files change (certificate rotation). {@link #reloadIfChanged()} is
 * called periodically off the event loops; new connections get the new context, open ones keep theirs. A failed
 * reload (for example, a half-written file) keeps the current context and is retried on the next check.
 */
public final class ReloadingServerSslContext {

    private static final Logger LOG = LoggerFactory.getLogger(ReloadingServerSslContext.class);

    private final ListenerConfig.Tls tls;
    private final String listener;
    private volatile SslContext current;
    private List<FileTime> loadedTimes;
    /** The last reload failure logged, so a lasting problem is logged once, not every second. */
    private String lastFailure;

    private ReloadingServerSslContext(ListenerConfig.Tls tls, String listener) {
        this.tls = tls;
        this.listener = listener;
    }

    /** Loads the files now; a listener whose files cannot be loaded does not start. */
    public static ReloadingServerSslContext load(ListenerConfig.Tls tls, String listener) throws IOException {
        ReloadingServerSslContext context = new ReloadingServerSslContext(tls, listener);
        List<FileTime> times = context.modificationTimes();
        context.current = context.build();
        context.loadedTimes = times;
        return context;
    }

    public SslContext current() {
        return current;
    }

    /** Rebuilds the context when a file's modification time changed; returns whether it was replaced. */
    public synchronized boolean reloadIfChanged() {
        try {
            List<FileTime> times = modificationTimes();
            if (times.equals(loadedTimes)) {
                return false;
            }
            current = build();
            loadedTimes = times;
            lastFailure = null;
            LOG.info("listener {}: reloaded TLS certificate from {}", listener, tls.certificateChain());
            return true;
        } catch (IOException | RuntimeException e) {
            String failure = String.valueOf(e.getMessage());
            if (!failure.equals(lastFailure)) {
                lastFailure = failure;
                LOG.warn("listener {}: cannot reload TLS certificate, keeping the current one: {}", listener,
                        failure);
            }
            return false;
        }
    }

    private List<FileTime> modificationTimes() throws IOException {
        List<FileTime> times = new ArrayList<>();
        for (Path file : files()) {
            times.add(Files.getLastModifiedTime(file));
        }
        return times;
    }

    private List<Path> files() {
        List<Path> files = new ArrayList<>(List.of(tls.certificateChain(), tls.privateKey()));
        tls.clientCa().ifPresent(files::add);
        return files;
    }

    private SslContext build() throws IOException {
        try {
            SslContextBuilder builder = SslContextBuilder
                    .forServer(tls.certificateChain().toFile(), tls.privateKey().toFile())
                    .sslProvider(SslProvider.JDK);
            if (tls.clientCa().isPresent()) {
                builder.trustManager(tls.clientCa().get().toFile()).clientAuth(ClientAuth.REQUIRE);
            }
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IOException("cannot load TLS certificate " + tls.certificateChain() + " and key "
                    + tls.privateKey() + " for listener " + listener + ": " + e.getMessage(), e);
        }
    }
}
