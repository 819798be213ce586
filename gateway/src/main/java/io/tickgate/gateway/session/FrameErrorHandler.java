package io.tickgate.gateway.session;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;

/**
 * Turns a WebSocket frame decoder failure (oversized frame, bad framing) into a {@link FrameRejected} event for the
 * session, instead of letting it reach the protocol handler, which would close the socket at once. The session can
 * then answer with an error and a close code, and close after a short grace period while the corrupt decoder
 * discards whatever the client is still sending (closing with unread input would reset the connection and the
 * client might never see the error). Sits just before the WebSocket protocol handler.
 */
@ChannelHandler.Sharable
public final class FrameErrorHandler extends ChannelInboundHandlerAdapter {

    /** A frame the decoder rejected. */
    public record FrameRejected(CorruptedWebSocketFrameException cause) {
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException c) {
            ctx.fireUserEventTriggered(new FrameRejected(c));
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }
}
