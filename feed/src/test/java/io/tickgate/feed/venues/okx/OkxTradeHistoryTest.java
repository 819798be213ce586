package io.tickgate.feed.venues.okx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickgate.feed.json.MalformedFrameException;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Trade;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OKX history-trades bodies: the documented shape, error answers and bad trades rejected clearly. */
class OkxTradeHistoryTest {

    @Test
    void parsesHistoryTradesNewestFirstAsSent() {
        List<Trade> trades = OkxTradeHistory.parse("BTC-USDT", "{\"code\":\"0\",\"msg\":\"\",\"data\":["
                + "{\"instId\":\"BTC-USDT\",\"side\":\"sell\",\"sz\":\"0.00001\",\"px\":\"29963.2\",\"source\":\"0\","
                + "\"tradeId\":\"242720721\",\"ts\":\"1654161646975\"},"
                + "{\"instId\":\"BTC-USDT\",\"side\":\"buy\",\"sz\":\"0.5\",\"px\":\"29963.1\",\"source\":\"0\","
                + "\"tradeId\":\"242720720\",\"ts\":\"1654161646974\"}]}");
        assertThat(trades).extracting(Trade::tradeId).containsExactly("242720721", "242720720");
        assertThat(trades.get(0).side()).isEqualTo(Side.SELL);
        assertThat(trades.get(1).price().toString()).isEqualTo("29963.1");
        assertThat(trades.get(1).timestamp()).isEqualTo(1654161646974L);
        assertThat(trades).allSatisfy(t -> assertThat(t.aggregated()).isFalse());
    }

    @Test
    void errorAnswersAndBadTradesAreClearErrors() {
        assertThatThrownBy(() -> OkxTradeHistory.parse("BTC-USDT",
                "{\"code\":\"50011\",\"msg\":\"Too Many Requests\",\"data\":[]}"))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("not a successful answer");
        assertThatThrownBy(() -> OkxTradeHistory.parse("BTC-USDT",
                "{\"code\":\"0\",\"data\":[{\"tradeId\":\"1\",\"px\":\"1\",\"sz\":\"1\",\"ts\":\"soon\"}]}"))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("bad trade");
        assertThatThrownBy(() -> OkxTradeHistory.parse("BTC-USDT", "<html>"))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("not JSON");
    }
}
