package io.tickgate.feed.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickgate.model.venue.Venue;
import io.tickgate.model.topic.Topic;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeclaredTopicsTest {

    @Test
    void binanceDefaultsDeclareTradesCandlesBookTopAndTicker() {
        PoolConfig c = PoolConfig.builder(Venue.BINANCE).url("ws://127.0.0.1:1").symbols(List.of("BTCUSDT", "ethusdt"))
                .channels(List.of("trade", "depth@100ms", "ticker"))
                .klineIntervals(List.of("1s", "1m", "5m", "15m", "1h")).build();
        Set<Topic> topics = DeclaredTopics.of(c);
        assertThat(topics).hasSize(18).contains(Topic.parse("binance.BTCUSDT.trade"),
                Topic.parse("binance.ETHUSDT.kline.1s"), Topic.parse("binance.ETHUSDT.kline.1h"),
                Topic.parse("binance.BTCUSDT.book"), Topic.parse("binance.BTCUSDT.book.top"),
                Topic.parse("binance.BTCUSDT.ticker"));
        assertThat(topics).doesNotContain(Topic.parse("binance.BTCUSDT.kline.1d"));
    }

    @Test
    void okxChannelsMapToTheirTopics() {
        PoolConfig c = PoolConfig.builder(Venue.OKX).url("ws://127.0.0.1:1/ws/v5/public")
                .symbols(List.of("BTC-USDT"))
                .channels(List.of("books5", "bbo-tbt", "candle1Dutc", "candle1D", "unknown")).build();
        assertThat(DeclaredTopics.of(c)).containsExactlyInAnyOrder(Topic.parse("okx.BTC-USDT.book"),
                Topic.parse("okx.BTC-USDT.book.top"), Topic.parse("okx.BTC-USDT.kline.1d"));
    }
}
