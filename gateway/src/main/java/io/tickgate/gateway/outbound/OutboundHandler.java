package io.tickgate.gateway.outbound;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline's end of a connection's {@link ConnectionOutbound}: resumes writing when the channel turns writable
 * again (below the low water mark) and releases everything queued when the channel closes, before the session
 * behind it hears of the close. {@link #closeWithGrace} is the last step of every close the gateway starts.
 */
public final class OutboundHandler extends ChannelInboundHandlerAdapter {

    private final ConnectionOutbound outbound;

    public OutboundHandler(ConnectionOutbound outbound) {
        this.outbound = outbound;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        outbound.writabilityChanged();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        outbound.channelClosed();
        ctx.fireChannelInactive();
    }

    /**
     * Event loop: writes {@code lastMessage} (when not null; e.g. the error explaining the close) and the close frame,
     * and closes the socket when the client answers it (Netty's protocol handler) or {@code graceMillis} later, counted
     * from now: a client that stopped reading would otherwise keep its socket, and what is buffered for it, forever.
     */
    static void closeWithGrace(Channel channel, ByteBuf lastMessage, int code, String reason, long graceMillis) {
        if (lastMessage != null) {
            channel.write(new TextWebSocketFrame(lastMessage), channel.voidPromise());
        }
        channel.writeAndFlush(new CloseWebSocketFrame(code, reason), channel.voidPromise());
        channel.eventLoop().schedule(() -> {
            channel.close();
        }, graceMillis, TimeUnit.MILLISECONDS);
    }
}
