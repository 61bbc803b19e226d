package io.sealgate.proxy.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * Refuses obsolete line folding (RFC 9112 section 5.2: a header line starting with space or tab), which Netty's
 * decoder silently joins into the previous header. It sits in front of the decoder and scans the bytes of each
 * request head up to the empty line that ends it; body bytes pass unscanned until the {@link RequestValidator}
 * reports the end of the request ({@link #expectNextHead()}).
 *
 * <p>On a fold it drops the connection's remaining input and passes a {@link RejectedRequest} downstream instead, so
 * the frontend answers 400 and closes.
 *
 * <p>Limit: a pipelined request head that arrives in the same read as the end of the previous request's body is
 * not scanned.
 */
public final class ObsFoldGuard extends ChannelInboundHandlerAdapter {

    private boolean inHead = true;
    private boolean rejected;
    /** Index of the current line within the head; the request line is 0. */
    private int lineIndex;
    private boolean atLineStart = true;
    /** Whether the current line holds anything but the CR of its ending. */
    private boolean lineHasContent;

    /** Called when a request (including its body) has been decoded completely. */
    public void expectNextHead() {
        inHead = true;
        lineIndex = 0;
        atLineStart = true;
        lineHasContent = false;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (rejected) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!inHead || !(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (scan(buf)) {
            rejected = true;
            buf.release();
            ctx.fireChannelRead(new RejectedRequest(ProxyError.BAD_REQUEST,
                    "the request is malformed: obsolete line folding in a header (RFC 9112 section 5.2)"));
            return;
        }
        ctx.fireChannelRead(msg);
    }

    /** Returns true on a fold; stops scanning at the end of the head. */
    private boolean scan(ByteBuf buf) {
        int end = buf.writerIndex();
        for (int i = buf.readerIndex(); i < end && inHead; i++) {
            byte b = buf.getByte(i);
            if (b == '\n') {
                if (!lineHasContent && lineIndex > 0) {
                    inHead = false; // the empty line ending the head
                }
                if (lineHasContent) {
                    lineIndex++;
                }
                atLineStart = true;
                lineHasContent = false;
                continue;
            }
            if (atLineStart && lineIndex > 0 && (b == ' ' || b == '\t')) {
                return true;
            }
            atLineStart = false;
            if (b != '\r') {
                lineHasContent = true;
            }
        }
        return false;
    }
}
