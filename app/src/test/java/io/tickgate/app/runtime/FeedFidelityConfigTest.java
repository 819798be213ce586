package io.tickgate.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickgate.app.config.ConfigLoader;
import io.tickgate.app.config.TickgateConfig;
import io.tickgate.feed.pool.PoolConfig;
import io.tickgate.model.venue.Venue;
import io.tickgate.model.topic.Interval;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The feed keys of issue 12's fidelity fixes, from the defaults file and from overrides, into the pool settings. */
class FeedFidelityConfigTest {

    private static TickgateConfig load(String... overrides) {
        return new ConfigLoader().load(null, Map.of(), List.of(overrides));
    }

    @Test
    void defaultsBuildEveryIntervalAndPublishTheVouchedDepth() {
        TickgateConfig c = load();
        PoolConfig binance = Assembly.pool(Venue.BINANCE, c.venue("binance"), null);
        assertThat(binance.klineIntervals()).containsExactlyInAnyOrder(Interval.values());
        assertThat(binance.depthLimit()).isEqualTo(100);
        assertThat(binance.bookDepth()).isEqualTo(400);
        assertThat(binance.publishedBookDepth()).isEqualTo(100);
        PoolConfig okx = Assembly.pool(Venue.OKX, c.venue("okx"), null);
        assertThat(okx.klineIntervals()).containsExactlyInAnyOrder(Interval.values());
        assertThat(okx.publishedBookDepth()).isEqualTo(400);
    }

    @Test
    void overridesSetTheIntervalsAndTheDepth() {
        TickgateConfig c = load("binance.klineIntervals=1m,4h", "binance.depthLimit=500", "binance.bookDepth=250");
        PoolConfig binance = Assembly.pool(Venue.BINANCE, c.venue("binance"), null);
        assertThat(binance.klineIntervals()).containsExactlyInAnyOrder(Interval.M1, Interval.H4);
        assertThat(binance.publishedBookDepth()).isEqualTo(250);
    }

    @Test
    void badValuesStopTheStartNamingTheKey() {
        TickgateConfig interval = load("okx.klineIntervals=1m,1w");
        assertThatThrownBy(() -> Assembly.pool(Venue.OKX, interval.venue("okx"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("okx.klineIntervals: unknown interval \"1w\"; allowed: 1s, 1m, 5m, 15m, 1h, 4h, 1d");
        TickgateConfig limit = load("binance.depthLimit=250");
        assertThatThrownBy(() -> Assembly.pool(Venue.BINANCE, limit.venue("binance"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("binance.depthLimit must be one of [5, 10, 20, 50, 100, 500, 1000, 5000]");
    }
}
