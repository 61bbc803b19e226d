package io.sealgate.proxy.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Appends body chunks to a spool file without touching the disk on the event loop: each write runs on the given
 * executor and its callback comes back on the event loop. The caller writes one chunk at a time (back-pressure: the
 * next chunk is read only after the callback), so writes never overlap. Not thread-safe beyond that.
 */
public final class SpoolWriter implements AutoCloseable {

    private final Path file;
    private final Executor executor;
    private final EventLoop loop;
    private FileChannel channel;
    private long written;

    /** @param file  an existing, empty file (created with mode 0600 by the caller) */
    public SpoolWriter(Path file, Executor executor, EventLoop loop) {
        this.file = file;
        this.executor = executor;
        this.loop = loop;
    }

    public Path file() {
        return file;
    }

    /** Bytes written so far. */
    public long written() {
        return written;
    }

    /**
     * Writes and releases {@code chunk}; then runs {@code done} or {@code failed} on the event loop. A full
     * executor fails the write with its {@link java.util.concurrent.RejectedExecutionException}.
     */
    public void write(ByteBuf chunk, Runnable done, Consumer<Throwable> failed) {
        try {
            executor.execute(() -> {
                Throwable error = null;
                try {
                    if (channel == null) {
                        channel = FileChannel.open(file, StandardOpenOption.WRITE);
                    }
                    while (chunk.isReadable()) {
                        written += chunk.readBytes(channel, chunk.readableBytes());
                    }
                } catch (IOException | RuntimeException e) {
                    error = e;
                } finally {
                    chunk.release();
                }
                Throwable cause = error;
                loop.execute(() -> {
                    if (cause == null) {
                        done.run();
                    } else {
                        failed.accept(cause);
                    }
                });
            });
        } catch (RuntimeException e) {
            chunk.release();
            failed.accept(e);
        }
    }

    /** Closes the file (it stays on disk; the owner deletes it). */
    @Override
    public void close() {
        FileChannel c = channel;
        channel = null;
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // nothing was lost: every write already completed or failed on its own
            }
        }
    }
}
