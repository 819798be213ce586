package io.tickgate.gateway.codec;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * Holds each inflated permessage-deflate message to the frame limit. Netty's inflater cannot be capped at the limit
 * itself: before each inflate step its decoder (Netty 4.2) asks for free buffer space of 512 bytes or twice the
 * compressed input left, whichever is more, and fails when its cap leaves less, so a message well under the cap
 * could fail. The inflater gets {@link #inflaterCap(int)} instead (still a hard bound against a deflate bomb), and
 * the exact limit is checked here on the whole message: over it, a {@link TooLongFrameException} goes to the session,
 * which answers MESSAGE_TOO_LARGE and closes with 4009, as for an oversized uncompressed frame. Fragmented messages
 * are held to it by the frame aggregator before this handler. Stateless and sharable.
 */
@ChannelHandler.Sharable
public final class InflatedSizeLimit extends ChannelInboundHandlerAdapter {

    private final int maxBytes;

    public InflatedSizeLimit(int maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** The inflater's cap for messages of at most {@code maxBytes}: the limit plus what its decoder asks ahead. */
    public static int inflaterCap(int maxBytes) {
        return (int) Math.min(Integer.MAX_VALUE - 8, 3L * maxBytes + 512);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof WebSocketFrame frame && frame.content().readableBytes() > maxBytes) {
            int size = frame.content().readableBytes();
            frame.release();
            ctx.fireExceptionCaught(new TooLongFrameException("message inflated to " + size
                    + " bytes, over the limit of " + maxBytes));
            return;
        }
        ctx.fireChannelRead(msg);
    }
}
