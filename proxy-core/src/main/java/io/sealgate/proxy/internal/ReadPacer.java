package io.sealgate.proxy.internal;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * Delivers at most one decoded message per {@code read()} request (auto-read is off), queueing the rest of what one
 * socket read decoded into. This is what makes back-pressure exact: the relay asks for the next chunk only when the
 * previous one has been written.
 *
 * <p>Why not Netty's {@code FlowControlHandler}: in Netty 4.2 it forgets outstanding reads at every
 * {@code channelReadComplete}, so a read requested while a read cycle is still delivering (which the relay does
 * when a write completes synchronously) is lost and the exchange stalls. Here a request stays pending until a
 * message satisfies it. Also, {@code channelInactive} is held back until queued messages have been delivered, so a
 * response followed at once by a close is not mistaken for a truncated one.
 */
final class ReadPacer extends ChannelDuplexHandler {

    private final ArrayDeque<Object> queue = new ArrayDeque<>(4);
    private boolean demand;
    private boolean delivering;
    private boolean inactivePending;

    @Override
    public void read(ChannelHandlerContext ctx) {
        demand = true;
        if (queue.isEmpty()) {
            if (!inactivePending) {
                ctx.read();
            }
        } else {
            deliver(ctx);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        queue.add(msg);
        deliver(ctx);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (queue.isEmpty()) {
            ctx.fireChannelInactive();
        } else {
            inactivePending = true;
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseQueued();
    }

    private void deliver(ChannelHandlerContext ctx) {
        if (delivering) {
            return; // the outer loop below picks up what a nested read() asked for
        }
        delivering = true;
        try {
            while (demand && !queue.isEmpty()) {
                demand = false;
                ctx.fireChannelRead(queue.poll());
            }
        } finally {
            delivering = false;
        }
        if (inactivePending && queue.isEmpty()) {
            inactivePending = false;
            ctx.fireChannelInactive();
        }
    }

    private void releaseQueued() {
        Object msg;
        while ((msg = queue.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
    }
}
