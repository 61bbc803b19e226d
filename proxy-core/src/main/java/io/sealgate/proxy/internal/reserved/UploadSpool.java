package io.sealgate.proxy.internal.reserved;

import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.sealgate.config.SpoolDirectory;
import io.sealgate.proxy.internal.ActionExchange;
import io.sealgate.proxy.internal.ProxyError;
import io.sealgate.proxy.internal.SpoolWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spools one request body to a private temporary file (mode 0600, in the 0700 spool directory) without holding it
 * in memory: one chunk at a time, written on the blocking executor, the next chunk read only after that write. A
 * body above {@code maxBytes} is answered 413 as soon as that is known (from Content-Length, else while it
 * arrives); a full executor is answered 503. On success the file goes to {@code onSpooled}, which then owns (and
 * deletes) it; on every other path this class deletes it. Runs on the client's event loop.
 */
final class UploadSpool implements ActionExchange.Handler {

    private static final Logger LOG = LoggerFactory.getLogger(UploadSpool.class);

    private final ActionExchange exchange;
    private final Executor executor;
    private final Path directory;
    private final long maxBytes;
    private final String what;
    private final Consumer<Path> onSpooled;
    private SpoolWriter writer;
    private long received;
    /** A chunk is being written on the executor: clean-up waits for it. */
    private boolean writing;
    /** The body was handed over, or the upload was abandoned. */
    private boolean finished;

    /**
     * @param what       names the body in messages, e.g. {@code "the upload"}
     * @param onSpooled  called on the event loop with the complete file
     */
    UploadSpool(ActionExchange exchange, Executor executor, Path directory, long maxBytes, String what,
                Consumer<Path> onSpooled) {
        this.exchange = exchange;
        this.executor = executor;
        this.directory = directory;
        this.maxBytes = maxBytes;
        this.what = what;
        this.onSpooled = onSpooled;
    }

    /** Creates the spool file off the event loop, then starts reading the body. */
    void start() {
        if (exchange.declaredLength() > maxBytes) {
            tooLarge(exchange.declaredLength());
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    Path file = Files.createTempFile(SpoolDirectory.prepare(directory), "upload-", ".tmp");
                    exchange.eventLoop().execute(() -> begin(file));
                } catch (IOException | RuntimeException e) {
                    LOG.error("Cannot create a spool file in {}: {}", directory, e.getMessage(), e);
                    Replies.internalEarly(exchange, "cannot store " + what
                            + ": the spool directory is not writable");
                } catch (Error e) {
                    Replies.internalEarly(exchange, "cannot store " + what + ": an internal error occurred");
                    throw e;
                }
            });
        } catch (RejectedExecutionException e) {
            Replies.busy(exchange);
        }
    }

    private void begin(Path file) {
        writer = new SpoolWriter(file, executor, exchange.eventLoop());
        if (!exchange.isOpen()) {
            abandon();
            return;
        }
        exchange.handler(this);
        exchange.read();
    }

    @Override
    public void onContent(HttpContent content) {
        if (finished) {
            content.release();
            return;
        }
        boolean last = content instanceof LastHttpContent;
        received += content.content().readableBytes();
        if (received > maxBytes) {
            content.release();
            tooLarge(received);
            abandon();
            return;
        }
        writing = true;
        writer.write(content.content(), () -> {
            writing = false;
            if (finished) {
                cleanUp();
            } else if (!exchange.isOpen()) {
                abandon();
            } else if (last) {
                finished = true;
                SpoolWriter w = writer;
                writer = null;
                w.close();
                onSpooled.accept(w.file());
            } else {
                exchange.read();
            }
        }, cause -> {
            writing = false;
            if (finished) {
                cleanUp();
                return;
            }
            if (cause instanceof RejectedExecutionException) {
                Replies.busy(exchange);
            } else {
                LOG.error("Cannot write the spool file {}: {}", writer.file(), cause.getMessage(), cause);
                Replies.internalEarly(exchange, "cannot store " + what + ": " + cause.getMessage());
            }
            abandon();
        });
    }

    @Override
    public void onClientGone() {
        abandon();
    }

    private void tooLarge(long bytes) {
        Replies.early(exchange, ProxyError.TOO_LARGE, what + ": " + bytes + " bytes (expected: at most "
                + maxBytes + ")");
    }

    /** Stops the upload; the file goes once no write is in flight. */
    private void abandon() {
        finished = true;
        if (!writing) {
            cleanUp();
        }
    }

    private void cleanUp() {
        SpoolWriter w = writer;
        writer = null;
        if (w != null) {
            w.close();
            Replies.deleteLater(executor, w.file());
        }
    }
}
