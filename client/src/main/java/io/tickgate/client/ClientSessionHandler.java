package io.tickgate.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a client connection: hands text messages, the handshake, idleness and the end of the
 * connection to its {@link TickgateClient} (all on the client's event loop).
 */
final class ClientSessionHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    private static final Logger log = LoggerFactory.getLogger(ClientSessionHandler.class);

    private final TickgateClient client;
    private String closeDetail = "connection lost";

    ClientSessionHandler(TickgateClient client) {
        this.client = client;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame t) {
            client.onText(ctx.channel(), t.content().toString(StandardCharsets.UTF_8));
        } else if (frame instanceof CloseWebSocketFrame c) {
            closeDetail = "closed by server: " + c.statusCode() + " " + c.reasonText();
            ctx.writeAndFlush(new CloseWebSocketFrame(c.statusCode(), c.reasonText())).addListener(f -> ctx.close());
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            client.onOpen(ctx.channel());
        } else if (evt instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.WRITER_IDLE) {
                client.sendHeartbeat(ctx.channel());
            } else if (idle.state() == IdleState.READER_IDLE) {
                client.lose(ctx.channel(), "nothing received within the idle timeout");
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        client.lose(ctx.channel(), closeDetail);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("tickgate client connection failed: {}", cause.toString());
        closeDetail = "error: " + cause.getMessage();
        ctx.close();
    }
}
