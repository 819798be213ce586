package io.tickgate.gateway.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.tickgate.gateway.outbound.ConnectionOutbound;
import io.tickgate.gateway.protocol.CloseCodes;
import io.tickgate.gateway.protocol.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers an inbound frame that the frame decoder, the aggregator or the decompressor rejected, and closes the
 * connection: a message over {@code maxFrameBytes} with MESSAGE_TOO_LARGE (counted) and 4009, any other protocol
 * violation with the WebSocket close status the decoder named. Used on the channel's event loop.
 */
final class RejectedFrames {

    private static final Logger log = LoggerFactory.getLogger(RejectedFrames.class);

    private RejectedFrames() {
    }

    static void close(Channel channel, Throwable cause, SessionHandler.Services services, ConnectionOutbound outbound) {
        WebSocketCloseStatus status = cause instanceof CorruptedWebSocketFrameException c && c.closeStatus() != null
                ? c.closeStatus() : WebSocketCloseStatus.MESSAGE_TOO_BIG;
        if (status.code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code()) {
            log.debug("{}: inbound message over {} bytes", channel.remoteAddress(), services.maxFrameBytes());
            services.metrics().error(ErrorCode.MESSAGE_TOO_LARGE);
            ByteBuf err = services.encoder().error(null, ErrorCode.MESSAGE_TOO_LARGE,
                    "message larger than the limit of " + services.maxFrameBytes() + " bytes; closing");
            outbound.closeWith(err, CloseCodes.MESSAGE_TOO_LARGE, "message too large");
        } else {
            log.debug("{}: protocol violation: {}", channel.remoteAddress(), cause.getMessage());
            outbound.closeWith(null, status.code(), status.reasonText());
        }
    }
}
