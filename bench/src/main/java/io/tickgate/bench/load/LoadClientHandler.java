package io.tickgate.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.tickgate.bench.source.StampClock;
import java.io.IOException;
import java.util.concurrent.Semaphore;

/**
 * One load-generator connection: counts the handshake, sends the subscribe request when {@code welcome} arrives
 * (or, with {@code subscribeOnOpen}, as soon as the handshake completes; a later {@code welcome} is then ignored),
 * and measures every {@code data} message (count, bytes, latency). Data frames take the {@link FrameScanner} fast
 * path; the few other messages (welcome, subscribed, snapshot, error) are parsed with Jackson.
 *
 * <p>Each connection releases one permit of {@code pending} exactly once, when its handshake has succeeded or
 * failed or the connection closed before that, which is how the generator bounds handshakes in flight.
 */
final class LoadClientHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoadStats stats;
    private final Semaphore pending;
    private final String subscribeRequest;
    private final boolean subscribeOnOpen;
    private LoadStats.ThreadRecorders local;
    private boolean settled;
    private boolean open;
    private boolean subscribed;

    LoadClientHandler(LoadStats stats, Semaphore pending, String subscribeRequest, boolean subscribeOnOpen) {
        this.stats = stats;
        this.pending = pending;
        this.subscribeRequest = subscribeRequest;
        this.subscribeOnOpen = subscribeOnOpen;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        local = stats.local(); // runs on the channel's event loop, which it never leaves
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            open = true;
            stats.established.incrementAndGet();
            settle();
            if (subscribeOnOpen) {
                ctx.writeAndFlush(new TextWebSocketFrame(subscribeRequest));
            }
        } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            stats.handshakeFailures.incrementAndGet();
            stats.sample("handshake timeout");
            settle();
            ctx.close();
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) throws IOException {
        if (frame instanceof TextWebSocketFrame) {
            ByteBuf content = frame.content();
            FrameScanner scanner = local.scanner;
            if (scanner.scan(content)) {
                long now = StampClock.nowMicros();
                stats.messages.increment();
                stats.bytes.add(content.readableBytes());
                if (scanner.stampMicros() > 0) {
                    local.stamp.recordValue(Math.max(0, now - scanner.stampMicros()));
                }
                if (scanner.ts() > 0) {
                    local.ts.recordValue(Math.max(0, now - scanner.ts() * 1_000));
                }
            } else {
                control(ctx, JSON.readTree(new ByteBufInputStream(content)));
            }
        } else if (frame instanceof CloseWebSocketFrame close) {
            stats.closeCode(close.statusCode());
            ctx.close();
        }
    }

    private void control(ChannelHandlerContext ctx, JsonNode msg) {
        switch (msg.path("type").asText()) {
            case "welcome":
                if (!subscribeOnOpen) {
                    ctx.writeAndFlush(new TextWebSocketFrame(subscribeRequest));
                }
                break;
            case "subscribed":
                stats.subscriptions.increment();
                if (!subscribed) {
                    subscribed = true;
                    stats.subscribedConnections.incrementAndGet();
                }
                break;
            case "snapshot":
                stats.snapshots.increment();
                break;
            case "error":
                stats.error(msg.path("code").asText("?"));
                stats.sample("server error " + msg.path("code").asText() + ": " + msg.path("message").asText());
                break;
            default:
                break;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (!settled) {
            stats.handshakeFailures.incrementAndGet();
            stats.sample("closed during the handshake");
            settle();
        }
        if (open && !stats.isStopping()) {
            stats.disconnects.incrementAndGet();
        }
        open = false;
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        stats.sample(cause.getClass().getSimpleName() + ": " + cause.getMessage());
        if (!settled) {
            stats.handshakeFailures.incrementAndGet();
            settle();
        }
        ctx.close();
    }

    private void settle() {
        if (!settled) {
            settled = true;
            pending.release();
        }
    }
}
