package io.tickgate.simulator.venue.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;
import io.tickgate.simulator.venue.ServerControls;
import io.tickgate.simulator.venue.SubscriptionIndex;
import io.tickgate.simulator.venue.VenueConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * One Binance stream connection: live control messages ({@code SUBSCRIBE}, {@code UNSUBSCRIBE},
 * {@code LIST_SUBSCRIPTIONS}, {@code GET_PROPERTY}), the incoming-message limit (close 1008), the streams-per-connection
 * limit, server pings with a pong deadline, and the connection lifetime ({@code serverShutdown}, then close). Runs on
 * the channel's event loop.
 *
 * <p>A {@code SUBSCRIBE} that would take the connection past {@code maxStreamsPerConnection} (Binance: 1,024) closes
 * it (1008 {@code Too many streams}) without subscribing anything. Binance documents the limit but not its answer;
 * users report that the venue closes the socket (e.g. JKorf/Binance.Net#1108; polyoxide-binance documents that the
 * venue "enforces its connection rules by closing the connection"). The simulator answers the request with an error
 * first, so a client can log why.
 */
final class BinanceFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    private static final long HOUSEKEEPING_MILLIS = 100;

    private final VenueConnection connection;
    private final SubscriptionIndex index;
    private final BinanceStreams streams;
    private final BinanceSettings config;
    private final ObjectMapper json;
    private final ServerControls controls;
    private long windowSecond;
    private int windowCount;
    private long lastPingAt;
    private byte[] lastPingPayload = new byte[0];
    private boolean shutdownAnnounced;
    private boolean tooManyStreams;
    private ScheduledFuture<?> housekeeping;

    BinanceFrameHandler(VenueConnection connection, SubscriptionIndex index, BinanceStreams streams,
                        BinanceSettings config, ObjectMapper json, ServerControls controls) {
        this.controls = controls;
        this.connection = connection;
        this.index = index;
        this.streams = streams;
        this.config = config;
        this.json = json;
    }

    /** Subscribes the streams of the URL and starts the timers; on the event loop after the handshake. */
    void start(ChannelHandlerContext ctx, List<String> urlStreams) {
        for (String s : urlStreams) {
            index.add(connection, s);
        }
        controls.recordStreams(connection.subscriptions().size());
        lastPingAt = System.currentTimeMillis();
        housekeeping = ctx.executor().scheduleAtFixedRate(this::housekeeping, HOUSEKEEPING_MILLIS,
                HOUSEKEEPING_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void housekeeping() {
        if (!connection.isOpen()) {
            return;
        }
        long now = System.currentTimeMillis();
        long age = now - connection.openedAt();
        long lifetime = config.connectionLifetimeMillis();
        if (age >= lifetime) {
            connection.close(1000, "connection lifetime reached");
            return;
        }
        if (!shutdownAnnounced && age >= lifetime - Math.min(config.shutdownNoticeMillis(), lifetime / 2)) {
            shutdownAnnounced = true;
            connection.sendText("{\"e\":\"serverShutdown\",\"E\":" + now + "}");
        }
        if (now - connection.lastPongAt() >= config.pongTimeoutMillis()) {
            connection.close(1008, "pong timeout");
            return;
        }
        if (now - lastPingAt >= config.pingIntervalMillis()) {
            lastPingAt = now;
            lastPingPayload = Long.toString(now).getBytes(StandardCharsets.US_ASCII);
            connection.channel().writeAndFlush(new PingWebSocketFrame(Unpooled.wrappedBuffer(lastPingPayload)));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (housekeeping != null) {
            housekeeping.cancel(false);
        }
        index.removeAll(connection);
        ctx.fireChannelInactive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof CloseWebSocketFrame) {
            connection.closeReceived();
            return;
        }
        if (!withinMessageLimit()) {
            if (connection.isOpen()) {
                controls.messageLimitClosed();
                connection.close(1008, "Too many messages");
            }
            return;
        }
        if (frame instanceof PingWebSocketFrame) {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        } else if (frame instanceof PongWebSocketFrame) {
            byte[] payload = new byte[frame.content().readableBytes()];
            frame.content().getBytes(frame.content().readerIndex(), payload);
            if (java.util.Arrays.equals(payload, lastPingPayload)) {
                connection.pongReceived(System.currentTimeMillis());
            }
        } else if (frame instanceof TextWebSocketFrame text) {
            String reply = control(text.text());
            connection.sendText(reply);
            if (tooManyStreams && connection.isOpen()) {
                controls.streamLimitClosed();
                connection.close(1008, "Too many streams");
            }
        } else {
            connection.sendText(error(3, "Invalid JSON: binary frames are not supported", null));
        }
    }

    private boolean withinMessageLimit() {
        long second = System.currentTimeMillis() / 1000;
        if (second != windowSecond) {
            windowSecond = second;
            windowCount = 0;
        }
        controls.recordIncoming(++windowCount);
        return windowCount <= config.maxIncomingMessagesPerSecond();
    }

    /** Answers one control message. */
    String control(String text) {
        JsonNode msg;
        try {
            msg = json.readTree(text);
        } catch (IOException e) {
            return error(3, "Invalid JSON: " + firstLine(e.getMessage()), null);
        }
        if (msg == null || !msg.isObject()) {
            return error(2, "Invalid request: request must be a JSON object", null);
        }
        JsonNode id = msg.get("id");
        if (id != null && !(id.isNull() || id.isTextual() || (id.isIntegralNumber() && id.asLong() >= 0))) {
            return error(1, "Invalid value type: expected u64 or string for id", null);
        }
        JsonNode method = msg.get("method");
        if (method == null || !method.isTextual()) {
            return error(2, "Invalid request: method must be a string", id);
        }
        JsonNode params = msg.get("params");
        switch (method.asText()) {
            case "SUBSCRIBE":
                return subscribe(params, id);
            case "UNSUBSCRIBE":
                return unsubscribe(params, id);
            case "LIST_SUBSCRIPTIONS":
                ObjectNode list = json.createObjectNode();
                ArrayNode result = list.putArray("result");
                new TreeSet<>(connection.subscriptions()).forEach(result::add);
                return list.set("id", id == null ? json.nullNode() : id).toString();
            case "GET_PROPERTY":
                if (params != null && params.isArray() && params.size() == 1 && "combined".equals(params.get(0).asText())) {
                    ObjectNode r = json.createObjectNode().put("result", connection.combined());
                    return r.set("id", id == null ? json.nullNode() : id).toString();
                }
                return error(2, "Invalid request: unknown property", id);
            default:
                return error(2, "Invalid request: unknown variant `" + method.asText()
                        + "`, expected one of `SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`, `GET_PROPERTY`", id);
        }
    }

    private String subscribe(JsonNode params, JsonNode id) {
        List<String> names = streamNames(params);
        if (names == null) {
            return error(2, "Invalid request: params must be an array of stream names", id);
        }
        for (String s : names) {
            String problem = streams.validate(s);
            if (problem != null) {
                return error(2, problem, id);
            }
        }
        TreeSet<String> after = new TreeSet<>(connection.subscriptions());
        after.addAll(names);
        if (after.size() > config.maxStreamsPerConnection()) {
            tooManyStreams = true; // closed once the answer is written
            return error(2, "Invalid request: too many streams, at most " + config.maxStreamsPerConnection()
                    + " per connection", id);
        }
        names.forEach(s -> index.add(connection, s));
        controls.recordStreams(connection.subscriptions().size());
        return result(id);
    }

    private String unsubscribe(JsonNode params, JsonNode id) {
        List<String> names = streamNames(params);
        if (names == null) {
            return error(2, "Invalid request: params must be an array of stream names", id);
        }
        names.forEach(s -> index.remove(connection, s));
        return result(id);
    }

    private static List<String> streamNames(JsonNode params) {
        if (params == null || !params.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>(params.size());
        for (JsonNode p : params) {
            if (!p.isTextual()) {
                return null;
            }
            out.add(p.asText());
        }
        return out;
    }

    private String result(JsonNode id) {
        ObjectNode r = json.createObjectNode().putNull("result");
        return r.set("id", id == null ? json.nullNode() : id).toString();
    }

    private String error(int code, String msg, JsonNode id) {
        ObjectNode r = json.createObjectNode();
        r.putObject("error").put("code", code).put("msg", msg);
        return r.set("id", id == null ? json.nullNode() : id).toString();
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
