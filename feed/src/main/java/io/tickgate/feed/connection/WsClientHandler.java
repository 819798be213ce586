package io.tickgate.feed.connection;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import java.nio.charset.StandardCharsets;

/**
 * The client end of one upstream WebSocket: starts the handshake when the socket is up, tells an HTTP error answer
 * (429 / 503 / 400, with {@code Retry-After}) from a successful upgrade, then hands frames to a {@link WsListener}.
 * Runs on the channel's event loop.
 */
public final class WsClientHandler extends SimpleChannelInboundHandler<Object> {

    private final WebSocketClientHandshaker handshaker;
    private final WsListener listener;
    private Throwable cause;
    private boolean closedReported;

    public WsClientHandler(WebSocketClientHandshaker handshaker, WsListener listener) {
        this.handshaker = handshaker;
        this.listener = listener;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        handshaker.handshake(ctx.channel());
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!closedReported) {
            closedReported = true;
            listener.onClosed(cause);
        }
        ctx.fireChannelInactive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
        if (!handshaker.isHandshakeComplete()) {
            if (!(msg instanceof FullHttpResponse response)) {
                return;
            }
            if (response.status().code() == 101) {
                try {
                    handshaker.finishHandshake(ctx.channel(), response);
                } catch (RuntimeException e) {
                    cause = e;
                    ctx.close();
                    return;
                }
                listener.onOpen();
            } else {
                listener.onRejected(response.status().code(),
                        retryAfterMillis(response.headers().get(HttpHeaderNames.RETRY_AFTER)),
                        response.content().toString(StandardCharsets.UTF_8));
                ctx.close();
            }
            return;
        }
        if (msg instanceof TextWebSocketFrame text) {
            listener.onText(text.content());
        } else if (msg instanceof PingWebSocketFrame ping) {
            listener.onPing(ByteBufUtil.getBytes(ping.content()));
        } else if (msg instanceof PongWebSocketFrame) {
            listener.onPong();
        } else if (msg instanceof CloseWebSocketFrame close) {
            listener.onCloseFrame(close.statusCode(), close.reasonText());
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable t) {
        if (cause == null) {
            cause = t;
        }
        ctx.close();
    }

    /** {@code Retry-After} (seconds or an HTTP date, see {@link RetryAfter}) → ms; 0 when absent or unreadable. */
    static long retryAfterMillis(String header) {
        return RetryAfter.millis(header, System.currentTimeMillis());
    }
}
