package io.tickgate.feed.venues.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickgate.feed.json.MalformedFrameException;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Trade;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Binance trade-history bodies: both shapes as the venue documents them, and bad bodies rejected clearly. */
class BinanceTradeHistoryTest {

    @Test
    void parsesAggTradesAndHistoricalTradesKeepingTheDecimalText() {
        List<Trade> agg = BinanceTradeHistory.parse("BTCUSDT", true, "[{\"a\":26129,\"p\":\"0.01633102\","
                + "\"q\":\"4.70443515\",\"f\":27781,\"l\":27781,\"T\":1498793709153,\"m\":true,\"M\":true}]");
        assertThat(agg).singleElement().satisfies(t -> {
            assertThat(t.tradeId()).isEqualTo("26129");
            assertThat(t.price().toString()).isEqualTo("0.01633102");
            assertThat(t.side()).isEqualTo(Side.SELL);
            assertThat(t.aggregated()).isTrue();
            assertThat(t.timestamp()).isEqualTo(1498793709153L);
        });
        List<Trade> raw = BinanceTradeHistory.parse("BTCUSDT", false, "[{\"id\":28457,\"price\":\"4.00000100\","
                + "\"qty\":\"12.00000000\",\"quoteQty\":\"48.000012\",\"time\":1499865549590,\"isBuyerMaker\":false,"
                + "\"isBestMatch\":true}]");
        assertThat(raw).singleElement().satisfies(t -> {
            assertThat(t.tradeId()).isEqualTo("28457");
            assertThat(t.quantity().toString()).isEqualTo("12.00000000");
            assertThat(t.side()).isEqualTo(Side.BUY);
            assertThat(t.aggregated()).isFalse();
        });
        assertThat(BinanceTradeHistory.parse("BTCUSDT", true, "[]")).isEmpty();
    }

    @Test
    void badBodiesAreClearErrors() {
        assertThatThrownBy(() -> BinanceTradeHistory.parse("BTCUSDT", true, "{\"code\":-1121}"))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("not an array");
        assertThatThrownBy(() -> BinanceTradeHistory.parse("BTCUSDT", true, "[{\"a\":1,\"p\":1.5}]"))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("bad trade");
        assertThatThrownBy(() -> BinanceTradeHistory.parse("BTCUSDT", false, "[{"))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("not JSON");
    }
}
