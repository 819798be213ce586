package io.tickgate.gateway.session;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * Fails the connection (RFC 6455 §5.2: close 1002) on a frame whose RSV bits are still set once the negotiated
 * extensions have decoded it. Netty's frame decoder lets any RSV bit through when extensions are allowed (the gateway
 * allows them when compression is enabled, whether or not this client negotiated it), and the permessage-deflate
 * decoder clears only RSV1 of the frames it inflates; so RSV2/RSV3, and RSV1 without permessage-deflate or on a
 * control frame, arrive here. The frame is dropped, and so is everything after it; the violation goes on as a
 * {@link CorruptedWebSocketFrameException} with status 1002, which {@link FrameErrorHandler} hands to the session to
 * close with. Sits after the extension decoders and before the heartbeat handler (one per connection).
 */
public final class ReservedBitsHandler extends ChannelInboundHandlerAdapter {

    private boolean failed;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (failed) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof WebSocketFrame f && f.rsv() != 0) {
            int rsv = f.rsv();
            f.release();
            failed = true;
            ctx.fireExceptionCaught(new CorruptedWebSocketFrameException(WebSocketCloseStatus.PROTOCOL_ERROR,
                    "RSV bits " + rsv + " set without a negotiated extension that defines them"));
            return;
        }
        ctx.fireChannelRead(msg);
    }
}
