package io.sealgate.proxy.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.Locale;

/**
 * Refuses obsolete line folding (RFC 9112 section 5.2: a header line starting with space or tab), which Netty's
 * decoder silently joins into the previous header. It sits in front of the decoder and follows the byte stream
 * itself: it scans each request head, reads the head's {@code Content-Length} or chunked {@code Transfer-Encoding}
 * and skips exactly that body, so pipelined heads are scanned too, wherever the reads split them.
 *
 * <p>It only has to be right for well-formed messages: whatever it cannot follow (a bad chunk size, say) the decoder
 * refuses anyway, and the connection is closed. It then stops scanning rather than guess.
 *
 * <p>On a fold it drops the connection's remaining input and passes a {@link RejectedRequest} downstream instead, so
 * the frontend answers 400 and closes.
 */
public final class ObsFoldGuard extends ChannelInboundHandlerAdapter {

    /** Header lines longer than this are not examined for framing (they are still scanned for folds). */
    private static final int MAX_EXAMINED_LINE = 1024;

    private enum State { HEAD, FIXED_BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_DATA_END, TRAILERS, UNTRACKED }

    private State state = State.HEAD;
    private boolean rejected;
    private int lineIndex;
    private boolean atLineStart = true;
    private final StringBuilder line = new StringBuilder();
    private boolean lineTooLong;
    private long contentLength;
    private boolean chunked;
    private long remaining;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (rejected) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (state == State.UNTRACKED || !(msg instanceof ByteBuf buf)) {
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

    /** Follows the bytes; returns true on a fold. */
    private boolean scan(ByteBuf buf) {
        int i = buf.readerIndex();
        int end = buf.writerIndex();
        while (i < end && state != State.UNTRACKED) {
            switch (state) {
                case FIXED_BODY, CHUNK_DATA -> {
                    int skip = (int) Math.min(remaining, end - i);
                    i += skip;
                    remaining -= skip;
                    if (remaining == 0 && state == State.FIXED_BODY) {
                        startHead();
                    } else if (remaining == 0) {
                        state = State.CHUNK_DATA_END;
                        resetLine();
                    }
                }
                default -> {
                    byte b = buf.getByte(i++);
                    if (b == '\n') {
                        endOfLine();
                    } else if (state == State.HEAD && atLineStart && lineIndex > 0 && (b == ' ' || b == '\t')) {
                        return true;
                    } else {
                        atLineStart = false;
                        if (b != '\r') {
                            appendToLine(b);
                        }
                    }
                }
            }
        }
        return false;
    }

    private void endOfLine() {
        String text = line.toString();
        boolean empty = text.isEmpty() && !lineTooLong;
        switch (state) {
            case HEAD -> {
                if (empty && lineIndex > 0) {
                    startBody();
                } else if (!empty) {
                    examineHeader(text);
                    lineIndex++;
                }
            }
            case CHUNK_SIZE -> {
                int semicolon = text.indexOf(';');
                String hex = (semicolon >= 0 ? text.substring(0, semicolon) : text).trim();
                try {
                    remaining = Long.parseLong(hex, 16);
                    state = remaining == 0 ? State.TRAILERS : State.CHUNK_DATA;
                } catch (NumberFormatException e) {
                    state = State.UNTRACKED; // the decoder refuses this request and the connection closes
                }
            }
            case CHUNK_DATA_END -> state = State.CHUNK_SIZE;
            case TRAILERS -> {
                if (empty) {
                    startHead();
                    return;
                }
            }
            default -> { }
        }
        resetLine();
    }

    private void examineHeader(String text) {
        if (lineIndex == 0 || lineTooLong) {
            return;
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            return;
        }
        String name = text.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = text.substring(colon + 1).trim();
        if (name.equals("content-length")) {
            try {
                contentLength = Long.parseLong(value);
            } catch (NumberFormatException e) {
                contentLength = -1; // refused by the decoder
            }
        } else if (name.equals("transfer-encoding")) {
            chunked = true; // anything but a final "chunked" is refused by the decoder
        }
    }

    private void startBody() {
        if (chunked) {
            state = State.CHUNK_SIZE;
        } else if (contentLength > 0) {
            state = State.FIXED_BODY;
            remaining = contentLength;
        } else if (contentLength < 0) {
            state = State.UNTRACKED;
        } else {
            startHead();
            return;
        }
        resetLine();
    }

    private void startHead() {
        state = State.HEAD;
        lineIndex = 0;
        contentLength = 0;
        chunked = false;
        resetLine();
    }

    private void appendToLine(byte b) {
        if (line.length() < MAX_EXAMINED_LINE) {
            line.append((char) (b & 0xff));
        } else {
            lineTooLong = true;
        }
    }

    private void resetLine() {
        line.setLength(0);
        lineTooLong = false;
        atLineStart = true;
    }
}
