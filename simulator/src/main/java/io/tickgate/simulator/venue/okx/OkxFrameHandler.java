package io.tickgate.simulator.venue.okx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;
import io.tickgate.simulator.market.MarketSimulator;
import io.tickgate.simulator.venue.ServerControls;
import io.tickgate.simulator.venue.SubscriptionIndex;
import io.tickgate.simulator.venue.VenueConnection;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One OKX connection: text {@code ping} → {@code pong}, {@code op} subscribe / unsubscribe with one ack per arg
 * (or an error: 60012 invalid request, 60013 invalid args, 60014 too frequent, 60018 "Wrong URL or channel" for an
 * unknown channel or instrument and for a channel of the other URL, e.g. {@code candle1m} on {@code /ws/v5/public},
 * as OKX answers since the candles moved to {@code /ws/v5/business}), and the idle close when nothing was sent for
 * the idle timeout. Runs on the channel's event loop.
 */
final class OkxFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    private static final long HOUSEKEEPING_MILLIS = 200;
    private static final long HOUR_MILLIS = 3_600_000;

    private final VenueConnection connection;
    private final boolean business;
    private final SubscriptionIndex index;
    private final OkxRenderer renderer;
    private final MarketSimulator market;
    private final Set<String> instIds;
    private final ServerControls controls;
    private final OkxSettings config;
    private final ObjectMapper json;
    private final Deque<Long> requests = new ArrayDeque<>();
    private ScheduledFuture<?> housekeeping;

    OkxFrameHandler(VenueConnection connection, boolean business, SubscriptionIndex index, OkxRenderer renderer,
                    MarketSimulator market, Set<String> instIds, ServerControls controls, OkxSettings config,
                    ObjectMapper json) {
        this.connection = connection;
        this.business = business;
        this.index = index;
        this.renderer = renderer;
        this.market = market;
        this.instIds = instIds;
        this.controls = controls;
        this.config = config;
        this.json = json;
    }

    void start(ChannelHandlerContext ctx) {
        housekeeping = ctx.executor().scheduleAtFixedRate(() -> {
            if (connection.isOpen()
                    && System.currentTimeMillis() - connection.lastSentAt() >= config.idleTimeoutMillis()) {
                connection.close(4004, "No data received in " + config.idleTimeoutMillis() / 1000 + "s.");
            }
        }, HOUSEKEEPING_MILLIS, HOUSEKEEPING_MILLIS, TimeUnit.MILLISECONDS);
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
        } else if (frame instanceof PingWebSocketFrame) {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        } else if (frame instanceof TextWebSocketFrame text) {
            String t = text.text();
            if (t.equals("ping")) {
                connection.sendText("pong");
            } else {
                request(t);
            }
        } else if (!(frame instanceof PongWebSocketFrame)) {
            connection.sendText(error(null, "60012", "Invalid request: binary frames are not supported"));
        }
    }

    private void request(String text) {
        JsonNode msg;
        try {
            msg = json.readTree(text);
        } catch (IOException e) {
            connection.sendText(error(null, "60012", "Invalid request: " + text));
            return;
        }
        if (msg == null || !msg.isObject()) {
            connection.sendText(error(null, "60012", "Invalid request: " + text));
            return;
        }
        JsonNode idNode = msg.get("id");
        String id = idNode != null && idNode.isValueNode() ? idNode.asText() : null;
        String op = msg.path("op").asText("");
        if (!op.equals("subscribe") && !op.equals("unsubscribe")) {
            connection.sendText(error(id, "60012", "Invalid request: " + text));
            return;
        }
        long now = System.currentTimeMillis();
        while (!requests.isEmpty() && requests.peekFirst() <= now - HOUR_MILLIS) {
            requests.removeFirst();
        }
        if (controls.requestsLimited(now) || requests.size() >= config.subscribeRequestsPerHour()) {
            controls.tooFrequentAnswered();
            connection.sendText(error(id, "60014", "Requests too frequent."));
            return;
        }
        requests.addLast(now);
        JsonNode args = msg.get("args");
        if (args == null || !args.isArray() || args.isEmpty()) {
            connection.sendText(error(id, "60013", "Invalid args"));
            return;
        }
        for (JsonNode arg : args) {
            if (!arg.isObject() || !arg.path("channel").isTextual() || !arg.path("instId").isTextual()) {
                connection.sendText(error(id, "60013", "Invalid args"));
                return;
            }
        }
        for (JsonNode arg : args) {
            String channel = arg.get("channel").asText();
            String instId = arg.get("instId").asText();
            if (!OkxChannels.servedOn(channel, business) || !instIds.contains(instId)) {
                // OKX answers a channel of the other URL (candle1m on /public) the same way as an unknown one
                connection.sendText(error(id, "60018", "Wrong URL or channel:" + channel + ",instId:" + instId
                        + " doesn't exist. Please use the correct URL, channel and parameters referring to API "
                        + "document."));
                continue;
            }
            String key = OkxChannels.key(channel, instId);
            if (op.equals("unsubscribe")) {
                index.remove(connection, key); // before the ack: nothing of it follows the ack
            }
            ObjectNode ack = json.createObjectNode();
            if (id != null) {
                ack.put("id", id);
            }
            ack.put("event", op);
            ack.putObject("arg").put("channel", channel).put("instId", instId);
            ack.put("connId", connection.connId());
            connection.sendText(ack.toString());
            if (op.equals("unsubscribe")) {
                continue;
            }
            if (channel.equals(OkxChannels.BOOKS)) {
                if (!connection.subscriptions().contains(key)) {
                    market.execute(() -> renderer.subscribeBooks(connection, instId, System.currentTimeMillis()));
                }
            } else {
                index.add(connection, key);
            }
        }
    }

    private String error(String id, String code, String msg) {
        ObjectNode e = json.createObjectNode();
        if (id != null) {
            e.put("id", id);
        }
        return e.put("event", "error").put("code", code).put("msg", msg).put("connId", connection.connId())
                .toString();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
