package io.tickgate.gateway.session;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionEncoder;
import io.tickgate.gateway.outbound.ConnectionOutbound;
import java.util.List;

/**
 * How a connection's outbound frames are written, as its WebSocket handshake decided: several messages batched in
 * one frame when the client asked ({@code ?batch=1}), and frames written as ready bytes unless compression was
 * negotiated. Applied once, on the channel's event loop, when the handshake completes.
 */
final class OutboundFraming {

    private OutboundFraming() {
    }

    static void apply(ChannelHandlerContext ctx, String requestUri, ConnectionOutbound outbound) {
        if (batchRequested(requestUri)) {
            outbound.enableBatching();
        }
        // the handshake added the compression encoder (if negotiated) before this event
        if (ctx.pipeline().get(WebSocketExtensionEncoder.class) == null) {
            outbound.enableRawFrames(ctx.pipeline().context(WebSocketFrameEncoder.class));
        }
    }

    /** True for {@code ?batch=1} (or {@code true}). */
    static boolean batchRequested(String uri) {
        List<String> values = new QueryStringDecoder(uri).parameters().get("batch");
        return values != null && !values.isEmpty() && ("1".equals(values.get(0)) || "true".equals(values.get(0)));
    }
}
