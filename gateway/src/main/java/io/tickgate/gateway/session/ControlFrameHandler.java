package io.tickgate.gateway.session;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;

/**
 * Takes the client's WebSocket pings and pongs before Netty's protocol handler (which would answer every ping at
 * once, outside any limit) and hands them to the {@link SessionHandler}: each counts against the connection's inbound
 * rate limit like a message, and a ping's pong goes out through the connection's outbound queue and budget. So a ping
 * flood gets 4029 and a client that pings without reading its pongs runs into its budget (4008).
 */
public final class ControlFrameHandler extends ChannelInboundHandlerAdapter {

    private final SessionHandler session;

    public ControlFrameHandler(SessionHandler session) {
        this.session = session;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof PingWebSocketFrame ping) {
            try {
                session.controlFrame(ctx.alloc(), ping.content());
            } finally {
                ping.release();
            }
        } else if (msg instanceof PongWebSocketFrame pong) {
            pong.release();
            session.controlFrame(ctx.alloc(), null);
        } else {
            ctx.fireChannelRead(msg);
        }
    }
}
