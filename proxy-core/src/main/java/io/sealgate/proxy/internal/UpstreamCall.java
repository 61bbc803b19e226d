package io.sealgate.proxy.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * One complete request Sealgate itself sends upstream for an action (fetch a document, write a signed one, forward
 * the original request), over the same pooled connections as pass-through traffic. The body comes from a file, read
 * chunk by chunk on {@code files} and written with back-pressure; the response is collected in memory (bounded) or
 * written to a file, also on {@code files} ({@link ResponseCollector}). A pooled connection the upstream closed meanwhile is retried once on a
 * fresh one, since the body can be sent again. Runs on {@code loop}.
 */
final class UpstreamCall implements BackendHandler.Listener {

    private static final int CHUNK_BYTES = 65536;

    private final UpstreamPool pool;
    private final EventLoop loop;
    private final HttpRequest head;
    private final Path body;
    private final long bodyLength;
    private final Path responseFile;
    private final ResponseCollector collector;
    private final Executor files;
    private final Promise<UpstreamReply> promise;

    private Channel channel;
    private BackendHandler handler;
    private int attempt;
    private boolean reused;
    private boolean retried;
    private boolean responseStarted;
    private boolean inInformational;
    private boolean requestWritten;
    private boolean chunkWanted;
    private long offset;
    private int status;
    private HttpResponse response;

    private UpstreamCall(UpstreamPool pool, EventLoop loop, HttpRequest head, Path body, long bodyLength,
                         Path responseFile, long maxResponseBytes, Executor files) {
        this.pool = pool;
        this.loop = loop;
        this.head = head;
        this.body = body;
        this.bodyLength = bodyLength;
        this.responseFile = responseFile;
        this.collector = new ResponseCollector(responseFile, maxResponseBytes, files, loop);
        this.files = files;
        this.promise = loop.newPromise();
    }

    /**
     * Sends {@code head} (its framing headers are replaced: the body is sent with a Content-Length) and the content
     * of {@code body} (null: no body). Call on {@code loop}.
     *
     * @param responseFile     where the response body goes; null: collected in memory
     * @param maxResponseBytes a longer response body fails the call
     */
    static Future<UpstreamReply> send(UpstreamPool pool, EventLoop loop, HttpRequest head, Path body,
                                      Path responseFile, long maxResponseBytes, Executor files) {
        long length;
        try {
            length = body == null ? 0 : Files.size(body);
        } catch (IOException e) {
            return loop.newFailedFuture(e);
        }
        head.headers().remove(HttpHeaderNames.TRANSFER_ENCODING).remove(HttpHeaderNames.EXPECT);
        if (body == null && !head.method().name().equals("PUT") && !head.method().name().equals("POST")) {
            head.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
        } else {
            HttpUtil.setContentLength(head, length);
        }
        UpstreamCall call = new UpstreamCall(pool, loop, head, body, length, responseFile, maxResponseBytes, files);
        call.start();
        return call.promise;
    }

    private void start() {
        Channel idle = pool.pollIdle();
        if (idle != null) {
            attach(idle, true);
        } else {
            connect();
        }
    }

    private void connect() {
        pool.connect().addListener(f -> {
            if (f.isSuccess()) {
                attach((Channel) f.getNow(), false);
            } else {
                fail(f.cause());
            }
        });
    }

    private void attach(Channel ch, boolean fromPool) {
        int current = ++attempt;
        channel = ch;
        reused = fromPool;
        handler = ch.pipeline().get(BackendHandler.class);
        handler.lease(this);
        offset = 0;
        ch.writeAndFlush(ReferenceCountUtil.retain(head)).addListener(f -> {
            if (current != attempt || promise.isDone()) {
                return;
            }
            if (!f.isSuccess()) {
                onUpstreamFailure(f.cause());
                return;
            }
            handler.read(false);
            nextChunk(current);
        });
    }

    private void nextChunk(int current) {
        if (offset >= bodyLength) {
            channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(f -> {
                if (current != attempt || promise.isDone()) {
                    return;
                }
                if (!f.isSuccess()) {
                    onUpstreamFailure(f.cause());
                    return;
                }
                requestWritten = true;
                handler.armTimeout();
            });
            return;
        }
        long position = offset;
        int length = (int) Math.min(CHUNK_BYTES, bodyLength - position);
        ByteBuf buf = channel.alloc().buffer(length);
        try {
            files.execute(() -> {
                Throwable error = null;
                try (FileChannel in = FileChannel.open(body, StandardOpenOption.READ)) {
                    long at = position;
                    while (buf.writableBytes() > 0 && buf.writerIndex() < length) {
                        int n = buf.writeBytes(in, at, length - buf.writerIndex());
                        if (n < 0) {
                            throw new IOException(body + " ended early at byte " + at);
                        }
                        at += n;
                    }
                } catch (IOException | RuntimeException e) {
                    error = e;
                }
                Throwable cause = error;
                loop.execute(() -> writeChunk(current, buf, cause));
            });
        } catch (RuntimeException e) {
            buf.release();
            fail(e);
        }
    }

    private void writeChunk(int current, ByteBuf buf, Throwable readError) {
        if (current != attempt || promise.isDone() || readError != null) {
            buf.release();
            if (readError != null) {
                fail(readError);
            }
            return;
        }
        offset += buf.readableBytes();
        channel.writeAndFlush(new DefaultHttpContent(buf)).addListener(f -> {
            if (current != attempt || promise.isDone()) {
                return;
            }
            if (!f.isSuccess()) {
                onUpstreamFailure(f.cause());
            } else if (channel.isWritable()) {
                nextChunk(current);
            } else {
                chunkWanted = true;
            }
        });
    }

    @Override
    public void onUpstreamWritable() {
        if (chunkWanted) {
            chunkWanted = false;
            nextChunk(attempt);
        }
    }

    @Override
    public void onUpstreamMessage(HttpObject msg) {
        if (msg.decoderResult().isFailure()) {
            Throwable cause = msg.decoderResult().cause();
            ReferenceCountUtil.release(msg);
            onUpstreamFailure(new MalformedUpstreamResponseException(cause));
            return;
        }
        if (msg instanceof HttpResponse r) {
            if (r.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
                inInformational = true;
            } else {
                responseStarted = true;
                response = r;
                status = r.status().code();
            }
        }
        if (!(msg instanceof HttpContent content)) {
            ReferenceCountUtil.release(msg);
            handler.read(requestWritten);
            return;
        }
        boolean last = content instanceof LastHttpContent;
        if (inInformational) {
            content.release();
            inInformational = !last;
            handler.read(requestWritten);
            return;
        }
        ByteBuf data = content.content().retain();
        content.release();
        int current = attempt;
        collector.add(data, last, error -> {
            if (current != attempt || promise.isDone()) {
                return;
            }
            if (error != null) {
                fail(error);
            } else {
                afterContent(last);
            }
        });
    }

    private void afterContent(boolean last) {
        if (!last) {
            handler.read(requestWritten);
            return;
        }
        Channel ch = channel;
        boolean keepAlive = HttpUtil.isKeepAlive(response) && requestWritten;
        handler.detach();
        channel = null;
        attempt++;
        if (keepAlive) {
            pool.release(ch);
        } else {
            ch.close();
        }
        promise.trySuccess(new UpstreamReply(status, response.headers(),
                collector.memoryBody(), Optional.ofNullable(responseFile)));
    }

    @Override
    public void onUpstreamFailure(Throwable cause) {
        if (promise.isDone()) {
            return;
        }
        Channel ch = channel;
        if (ch != null) {
            handler.detach();
            channel = null;
            ch.close();
        }
        attempt++;
        if (reused && !retried && !responseStarted) {
            retried = true;
            requestWritten = false;
            chunkWanted = false;
            connect();
            return;
        }
        fail(cause);
    }

    private void fail(Throwable cause) {
        collector.abort();
        Channel ch = channel;
        if (ch != null) {
            handler.detach();
            channel = null;
            ch.close();
        }
        attempt++;
        promise.tryFailure(cause);
    }
}
