package io.tickgate.gateway.session;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.tickgate.gateway.metrics.GatewayMetrics;
import io.tickgate.gateway.protocol.CloseCodes;

/**
 * Keeps connections honest. Sits right after an {@link io.netty.handler.timeout.IdleStateHandler} whose reader-idle
 * time is the heartbeat interval: each time the client has been silent for an interval, a WebSocket ping is sent;
 * once it has been silent (no pong, no frame at all) for the pong timeout the connection is closed with 4002.
 * Before the WebSocket upgrade (plain HTTP keep-alive) an idle connection is simply closed after the pong timeout.
 */
public final class HeartbeatHandler extends ChannelInboundHandlerAdapter {

    private final long intervalMillis;
    private final long timeoutMillis;
    private final GatewayMetrics metrics;
    private int silentIntervals;

    public HeartbeatHandler(long intervalMillis, long timeoutMillis, GatewayMetrics metrics) {
        this.intervalMillis = intervalMillis;
        this.timeoutMillis = timeoutMillis;
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        silentIntervals = 0;
        ctx.fireChannelRead(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof IdleStateEvent idle) || idle.state() != IdleState.READER_IDLE) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        silentIntervals++;
        boolean timedOut = (long) silentIntervals * intervalMillis >= timeoutMillis;
        boolean webSocket = ctx.pipeline().get(WebSocketFrameEncoder.class) != null;
        if (!webSocket) {
            if (timedOut) {
                ctx.channel().close();
            }
            return;
        }
        if (timedOut) {
            metrics.closed(CloseCodes.PONG_TIMEOUT);
            ctx.channel().writeAndFlush(new CloseWebSocketFrame(CloseCodes.PONG_TIMEOUT, "pong timeout"))
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.channel().writeAndFlush(new PingWebSocketFrame());
        }
    }
}
