package io.tickgate.bus.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.BookTop;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.PriceLevel;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Ticker;
import io.tickgate.model.event.Trade;
import io.tickgate.model.event.TradeGap;
import io.tickgate.model.event.GapReason;
import io.tickgate.model.topic.Channel;
import io.tickgate.model.topic.Interval;
import io.tickgate.model.topic.Topic;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private static Decimal d(String s) {
        return Decimal.parse(s);
    }

    static Stream<MarketEvent> everyEventType() {
        return Stream.of(
                new Trade("binance", "BTCUSDT", "t-991", d("0.35130000"), d("1.50"), Side.BUY, 1_700_000_000_123L),
                new Trade("okx", "BTC-USDT", "7", d("100"), d("123456789012345678901234.5"), Side.SELL, 1),
                new Trade("sim", "AAPL", "x|y\"z\n\\w", d("-0.000"), d("2"), Side.UNKNOWN, 2),
                new Trade("binance", "BTCUSDT", "a-17", d("100.5"), d("3"), Side.SELL, 9, true),
                new Ticker("binance", "ETHUSDT", d("3000.10"), d("3000.00"), d("1.000"), d("3000.20"), d("2.5"),
                        d("2900"), d("3100.0"), d("2800"), d("12345.678"), 3),
                new Ticker("okx", "ETH-USDT", d("1"), null, null, null, null, null, null, null, null, 4),
                new BookSnapshot("binance", "BTCUSDT", List.of(PriceLevel.of("100.10", "1.0"),
                        PriceLevel.of("100.00", "2")), List.of(PriceLevel.of("100.20", "0.5")), 991, 5),
                new BookSnapshot("okx", "BTC-USDT", List.of(), List.of(), 0, 6),
                new BookDelta("binance", "BTCUSDT", List.of(PriceLevel.of("100.10", "0")),
                        List.of(PriceLevel.of("100.30", "3.00000000")), 992, 995, 7),
                new BookTop("sim", "AAPL", d("10.5"), d("100"), d("10.6"), d("200"), 8),
                new BookTop("sim", "AAPL", null, null, d("10.6"), d("200"), 9),
                new Kline("binance", "BTCUSDT", Interval.M1, 1_700_000_040_000L, d("1.0"), d("2.00"), d("0.5"),
                        d("1.5"), d("10.000"), 42, false, 10),
                new Kline("okx", "BTC-USDT", Interval.D1, 1_699_920_000_000L, d("1"), d("1"), d("1"), d("1"),
                        d("0"), 0, true, 11),
                new TradeGap("binance", "BTCUSDT", Channel.AGG_TRADE, "1001", "1999", 1_700_000_000_000L,
                        1_700_000_004_000L, GapReason.HISTORY, 12),
                new TradeGap("okx", "BTC-USDT", Channel.TRADE, "7", "7", 0, 0, GapReason.LIMIT, 13));
    }

    @ParameterizedTest
    @MethodSource("everyEventType")
    void roundTripsExactlyWithDecimalText(MarketEvent event) {
        Topic topic = event.topic();
        String encoded = EventCodec.encode(event, 1_700_000_000_999L);
        EventCodec.Decoded back = EventCodec.decode(topic, encoded);
        assertThat(back.ingestTime()).isEqualTo(1_700_000_000_999L);
        assertThat(back.event()).isEqualTo(event);
        // Decimal equality is numeric: compare the text as well ("1.50" must stay "1.50")
        assertThat(back.event().toString()).isEqualTo(event.toString());
        assertThat(encoded).startsWith("[1,").doesNotContain("\n"); // a channel message joins encodings by lines
    }

    @Test
    void rejectsOtherVersionsWrongChannelsAndGarbageWithAClearError() {
        Topic trade = Topic.parse("sim.AAPL.trade");
        assertThatThrownBy(() -> EventCodec.decode(trade, "[2,1,\"T\",\"1\",\"1\",\"1\",\"b\",1]"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 2");
        String ticker = EventCodec.encode(new Ticker("sim", "AAPL", d("1"), null, null, null, null, null, null, null,
                null, 1), 1);
        assertThatThrownBy(() -> EventCodec.decode(trade, ticker))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not for sim.AAPL.trade");
        assertThatThrownBy(() -> EventCodec.decode(trade, "{\"no\":1}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad event encoding");
    }
}
