package io.sealgate.proxy.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObject;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeUnit;

/**
 * The last handler of an upstream connection. While leased it relays every decoded response message, writability
 * change and failure to its {@link Listener} (the client connection's {@link FrontendHandler}); while parked in the
 * {@link UpstreamPool} it keeps a read pending so a close by the upstream is noticed, and drops the connection if
 * the upstream sends anything unasked.
 *
 * <p>The read timeout runs only while a read is outstanding and the whole request has been sent: time spent waiting
 * for a slow client (back-pressure) never counts against the upstream.
 */
final class BackendHandler extends ChannelInboundHandlerAdapter {

    /** Receives the events of a leased upstream connection, on the event loop. */
    interface Listener {
        /** Takes ownership of {@code msg}. */
        void onUpstreamMessage(HttpObject msg);

        void onUpstreamWritable();

        void onUpstreamFailure(Throwable cause);
    }

    private final long readTimeoutMillis;
    private ChannelHandlerContext ctx;
    private Listener listener;
    private UpstreamPool parkedIn;
    private ScheduledFuture<?> timeout;

    BackendHandler(long readTimeoutMillis) {
        this.readTimeoutMillis = readTimeoutMillis;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    Channel channel() {
        return ctx.channel();
    }

    void lease(Listener listener) {
        this.listener = listener;
        this.parkedIn = null;
    }

    /** Stops relaying events; the caller closes or parks the connection. */
    void detach() {
        listener = null;
        cancelTimeout();
    }

    void park(UpstreamPool pool) {
        detach();
        parkedIn = pool;
        ctx.read();
    }

    /** Requests the next message; {@code timed} starts the read timeout. */
    void read(boolean timed) {
        if (timed) {
            armTimeout();
        }
        ctx.read();
    }

    /** Starts the read timeout for a read already outstanding. */
    void armTimeout() {
        if (timeout == null && listener != null) {
            timeout = ctx.executor().schedule(this::timedOut, readTimeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        cancelTimeout();
        if (listener != null && msg instanceof HttpObject object) {
            listener.onUpstreamMessage(object);
            return;
        }
        ReferenceCountUtil.release(msg);
        ctx.close(); // unasked data on a parked connection: it cannot be reused safely
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (listener != null && ctx.channel().isWritable()) {
            listener.onUpstreamWritable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(new ClosedChannelException());
        if (parkedIn != null) {
            parkedIn.remove(ctx.channel());
            parkedIn = null;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(cause);
        ctx.close();
    }

    private void timedOut() {
        timeout = null;
        fail(new UpstreamTimeoutException(readTimeoutMillis));
        ctx.close();
    }

    private void fail(Throwable cause) {
        Listener l = listener;
        detach();
        if (l != null) {
            l.onUpstreamFailure(cause);
        }
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }
}
