package io.tickgate.gateway.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.tickgate.bus.api.Envelope;
import io.tickgate.gateway.protocol.ErrorCode;
import io.tickgate.gateway.protocol.RequestId;
import io.tickgate.gateway.testsupport.Events;
import io.tickgate.model.event.GapReason;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.TradeGap;
import io.tickgate.model.topic.Channel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Exact JSON of server messages and of each event's data shape. */
@Timeout(10)
class ServerMessageEncoderTest {

    private final ServerMessageEncoder enc = new ServerMessageEncoder(UnpooledByteBufAllocator.DEFAULT);

    private static String text(ByteBuf buf) {
        try {
            return buf.toString(StandardCharsets.UTF_8);
        } finally {
            buf.release();
        }
    }

    private String data(MarketEvent e) {
        return text(enc.data(new Envelope(e.topic(), "ep", 9, 1_700_000_000_500L, 1, e)));
    }

    @Test
    void controlMessages() {
        assertThat(text(enc.welcome("c1", 5, 20_000)))
                .isEqualTo("{\"type\":\"welcome\",\"connectionId\":\"c1\",\"serverTime\":5,\"heartbeatMs\":20000}");
        assertThat(text(enc.welcome("c2", 5, 20_000, "ann", 9, 100, 200))).isEqualTo("{\"type\":\"welcome\","
                + "\"connectionId\":\"c2\",\"serverTime\":5,\"heartbeatMs\":20000,\"user\":\"ann\",\"expiresAt\":9,"
                + "\"rateLimit\":{\"perSecond\":100,\"burst\":200}}");
        assertThat(text(enc.subscribed(RequestId.ofString("1"), "sim.A.trade", "ep", 3, false)))
                .isEqualTo("{\"type\":\"subscribed\",\"id\":\"1\",\"topic\":\"sim.A.trade\",\"epoch\":\"ep\","
                        + "\"seq\":3,\"resumed\":false}");
        assertThat(text(enc.unsubscribed(RequestId.ofNumber(4), "sim.A.trade")))
                .isEqualTo("{\"type\":\"unsubscribed\",\"id\":4,\"topic\":\"sim.A.trade\"}");
        assertThat(text(enc.error(null, ErrorCode.INVALID_TOPIC, "bad \"x\"")))
                .isEqualTo("{\"type\":\"error\",\"code\":\"INVALID_TOPIC\",\"message\":\"bad \\\"x\\\"\"}");
        assertThat(text(enc.heartbeat(null, 7))).isEqualTo("{\"type\":\"heartbeat\",\"serverTime\":7}");
    }

    @Test
    void dataShapes() {
        String head = "{\"type\":\"data\",\"topic\":\"%s\",\"epoch\":\"ep\",\"seq\":9,\"ts\":1700000000500,\"data\":";
        assertThat(data(Events.trade("A", 123))).isEqualTo(head.formatted("sim.A.trade")
                + "{\"id\":\"123\",\"price\":\"101.5\",\"qty\":\"0.20\",\"side\":\"buy\",\"time\":1700000000123}}");
        assertThat(data(Events.ticker("A", "100.10"))).isEqualTo(head.formatted("sim.A.ticker")
                + "{\"last\":\"100.10\",\"bid\":\"100.1\",\"bidQty\":\"2\",\"ask\":\"100.2\",\"askQty\":\"3\","
                + "\"volume\":\"12345.678\",\"time\":1700000000000}}");
        assertThat(data(Events.bookDelta("A", List.of("1.0:0"), List.of("2:3", "2.5:1e-8"), 4)))
                .isEqualTo(head.formatted("sim.A.book") + "{\"bids\":[[\"1.0\",\"0\"]],\"asks\":[[\"2\",\"3\"],"
                        + "[\"2.5\",\"1e-8\"]],\"time\":1700000000004}}");
        assertThat(data(Events.kline("A", "101", true))).isEqualTo(head.formatted("sim.A.kline.1m")
                + "{\"interval\":\"1m\",\"openTime\":1700000000000,\"closeTime\":1700000059999,\"open\":\"100\","
                + "\"high\":\"102\",\"low\":\"99\",\"close\":\"101\",\"volume\":\"10.5\",\"trades\":7,"
                + "\"closed\":true}}");
    }

    @Test
    void aTradeGapIsAGapMessageAtItsSeq() {
        assertThat(data(new TradeGap("binance", "BTCUSDT", Channel.AGG_TRADE, "11", "19", 1_700_000_000_010L,
                1_700_000_000_020L, GapReason.HISTORY, 1_700_000_000_030L)))
                .isEqualTo("{\"type\":\"gap\",\"topic\":\"binance.BTCUSDT.aggTrade\",\"epoch\":\"ep\",\"seq\":9,"
                        + "\"ts\":1700000000500,\"from\":\"11\",\"to\":\"19\",\"fromTime\":1700000000010,"
                        + "\"toTime\":1700000000020,\"reason\":\"history\"}");
        assertThat(data(new TradeGap("okx", "BTC-USDT", Channel.TRADE, "7", "7", 0, 0, GapReason.NO_HISTORY, 1)))
                .isEqualTo("{\"type\":\"gap\",\"topic\":\"okx.BTC-USDT.trade\",\"epoch\":\"ep\",\"seq\":9,"
                        + "\"ts\":1700000000500,\"from\":\"7\",\"to\":\"7\",\"reason\":\"no_history\"}");
    }

    @Test
    void snapshotWithoutTsUnlessLive() {
        assertThat(text(enc.snapshot("sim.A.trade", "ep", 2, 0, EventJsonWriter.trades(List.of()))))
                .isEqualTo("{\"type\":\"snapshot\",\"topic\":\"sim.A.trade\",\"epoch\":\"ep\",\"seq\":2,"
                        + "\"data\":{\"trades\":[]}}");
        assertThat(text(enc.snapshot("sim.A.trade", "ep", 2, 99, EventJsonWriter.trades(List.of()))))
                .contains("\"seq\":2,\"ts\":99,");
    }
}
