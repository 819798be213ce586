package io.tickgate.feed.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickgate.model.venue.Venue;
import io.tickgate.model.topic.Channel;
import io.tickgate.model.topic.Interval;
import io.tickgate.model.topic.Topic;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pool settings of the fidelity fixes: candle intervals, the vouched book depth, the aggTrade channel. */
class FidelityConfigTest {

    private static PoolConfig.Builder binance() {
        return PoolConfig.builder(Venue.BINANCE).url("ws://127.0.0.1:1").symbols(List.of("BTCUSDT"));
    }

    @Test
    void everyIntervalIsBuiltByDefaultAndDeclared() {
        PoolConfig c = binance().channels(List.of("trade")).build();
        assertThat(c.klineIntervals()).containsExactlyInAnyOrder(Interval.values());
        assertThat(DeclaredTopics.of(c)).extracting(Topic::toString).containsExactlyInAnyOrder(
                "binance.BTCUSDT.trade", "binance.BTCUSDT.kline.1s", "binance.BTCUSDT.kline.1m",
                "binance.BTCUSDT.kline.5m", "binance.BTCUSDT.kline.15m", "binance.BTCUSDT.kline.1h",
                "binance.BTCUSDT.kline.4h", "binance.BTCUSDT.kline.1d");
    }

    @Test
    void theConfiguredIntervalsAreTheDeclaredCandleTopics() {
        PoolConfig c = binance().channels(List.of("trade")).klineIntervals(List.of("4h", "1d")).build();
        assertThat(DeclaredTopics.of(c)).extracting(Topic::toString).containsExactlyInAnyOrder(
                "binance.BTCUSDT.trade", "binance.BTCUSDT.kline.4h", "binance.BTCUSDT.kline.1d");
        PoolConfig none = binance().channels(List.of("trade")).klineIntervals(List.of()).build();
        assertThat(DeclaredTopics.of(none)).extracting(Topic::toString).containsExactly("binance.BTCUSDT.trade");
        PoolConfig okx = PoolConfig.builder(Venue.OKX).url("ws://127.0.0.1:1/ws/v5/public")
                .symbols(List.of("BTC-USDT")).channels(List.of("trades")).klineIntervals(List.of("1m")).build();
        assertThat(DeclaredTopics.of(okx)).extracting(Topic::toString)
                .containsExactlyInAnyOrder("okx.BTC-USDT.trade", "okx.BTC-USDT.kline.1m");
    }

    @Test
    void anUnknownIntervalIsAClearErrorNamingTheKeyAndTheAllowedValues() {
        assertThatThrownBy(() -> binance().klineIntervals(List.of("1m", "2h")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("binance.klineIntervals: unknown interval \"2h\"; allowed: 1s, 1m, 5m, 15m, 1h, 4h, 1d");
        assertThatThrownBy(() -> PoolConfig.builder(Venue.OKX).klineIntervals(List.of("1D")))
                .hasMessageStartingWith("okx.klineIntervals: unknown interval \"1D\"");
    }

    @Test
    void theSnapshotLimitMustBeOneBinanceAcceptsAndCapsThePublishedDepth() {
        assertThatThrownBy(() -> binance().snapshots(300, 5, 20).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("binance.depthLimit must be one of [5, 10, 20, 50, 100, 500, 1000, 5000] (the limits "
                        + "Binance's GET /api/v3/depth accepts), got 300");
        assertThat(binance().build().publishedBookDepth()).as("defaults: 400 asked, 100 vouched").isEqualTo(100);
        assertThat(binance().snapshots(500, 5, 20).build().publishedBookDepth()).isEqualTo(400);
        assertThat(binance().snapshots(1000, 5, 20).bookDepth(50).build().publishedBookDepth()).isEqualTo(50);
        assertThatThrownBy(() -> binance().bookDepth(0).build()).hasMessageContaining("binance.bookDepth");
        // OKX has no REST snapshot: the setting is not used there
        assertThat(PoolConfig.builder(Venue.OKX).snapshots(300, 5, 20).build().publishedBookDepth()).isEqualTo(400);
    }

    @Test
    void aggregatedTradesHaveTheirOwnTopicAndCandlesComeFromOneKindOfTrade() {
        PoolConfig both = binance().channels(List.of("trade", "aggTrade")).klineIntervals(List.of("1m")).build();
        assertThat(DeclaredTopics.of(both)).extracting(Topic::toString).containsExactlyInAnyOrder(
                "binance.BTCUSDT.trade", "binance.BTCUSDT.aggTrade", "binance.BTCUSDT.kline.1m");
        assertThat(DeclaredTopics.candleSource(both)).isEqualTo(Channel.TRADE);
        PoolConfig agg = binance().channels(List.of("aggTrade")).klineIntervals(List.of("1m")).build();
        assertThat(DeclaredTopics.of(agg)).extracting(Topic::toString).containsExactlyInAnyOrder(
                "binance.BTCUSDT.aggTrade", "binance.BTCUSDT.kline.1m");
        assertThat(DeclaredTopics.candleSource(agg)).isEqualTo(Channel.AGG_TRADE);
        PoolConfig depthOnly = binance().channels(List.of("depth@100ms")).build();
        assertThat(DeclaredTopics.builtIntervals(depthOnly)).isEmpty();
    }
}
