package io.sealgate.proxy.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Where the body of a response to an {@link UpstreamCall} goes: memory, or a file written on {@code files} (never on
 * the event loop). Either way at most {@code maxBytes}. One chunk at a time: the caller asks the upstream for the next
 * chunk only after {@link #add}'s callback.
 */
final class ResponseCollector {

    private final Path file;
    private final long maxBytes;
    private final Executor files;
    private final EventLoop loop;
    private final ByteArrayOutputStream memory = new ByteArrayOutputStream();
    private FileChannel out;
    private long received;

    /** @param file  the body's file; null: in memory */
    ResponseCollector(Path file, long maxBytes, Executor files, EventLoop loop) {
        this.file = file;
        this.maxBytes = maxBytes;
        this.files = files;
        this.loop = loop;
    }

    /** The body collected in memory; empty when it went to a file. */
    byte[] memoryBody() {
        return memory.toByteArray();
    }

    /**
     * Takes ownership of {@code data} and stores it; then {@code done} runs on the event loop with null, or with
     * the failure (too large, disk error, full executor).
     */
    void add(ByteBuf data, boolean last, Consumer<Throwable> done) {
        received += data.readableBytes();
        if (received > maxBytes) {
            data.release();
            done.accept(new IOException("response body larger than " + maxBytes + " bytes"));
            return;
        }
        if (file == null) {
            byte[] bytes = new byte[data.readableBytes()];
            data.readBytes(bytes);
            data.release();
            memory.write(bytes, 0, bytes.length);
            done.accept(null);
            return;
        }
        try {
            files.execute(() -> {
                Throwable error = null;
                try {
                    if (out == null) {
                        out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                                StandardOpenOption.TRUNCATE_EXISTING);
                    }
                    while (data.isReadable()) {
                        data.readBytes(out, data.readableBytes());
                    }
                    if (last) {
                        out.close();
                        out = null;
                    }
                } catch (IOException | RuntimeException e) {
                    error = e;
                } finally {
                    data.release();
                }
                Throwable cause = error;
                loop.execute(() -> done.accept(cause));
            });
        } catch (RuntimeException e) {
            data.release();
            done.accept(e);
        }
    }

    /** Closes the file after a failure (it stays on disk: the caller owns and deletes it). */
    void abort() {
        try {
            files.execute(() -> {
                FileChannel o = out;
                out = null;
                if (o != null) {
                    try {
                        o.close();
                    } catch (IOException ignored) {
                        // the call failed already
                    }
                }
            });
        } catch (RuntimeException e) {
            // a full executor: the handle is released when the spool file is deleted and the JVM collects it
        }
    }
}
