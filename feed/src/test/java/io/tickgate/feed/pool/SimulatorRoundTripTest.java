package io.tickgate.feed.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickgate.simulator.venue.VenueSimulator;
import io.tickgate.simulator.venue.VenueSimulatorConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Protocol fidelity: every stream the simulated venues serve, subscribed through the pool, decodes with the live
 * Binance and OKX parsers (no malformed frame, no rejected subscription) into every kind of canonical event.
 */
class SimulatorRoundTripTest {

    @Test
    @Timeout(60)
    void everySimulatorStreamRoundTripsThroughTheVenueParsers() {
        VenueSimulator sim = VenueSimulator.start(VenueSimulatorConfig.builder().seed(5).symbolsPerSource(8)
                .eventsPerSecond(2000).build());
        try (PoolFixture f = new PoolFixture(sim,
                b -> b.channels(List.of("trade", "aggTrade", "kline_1m", "kline_1s", "bookTicker", "depth@100ms",
                        "depth5@100ms", "depth20")),
                b -> b.channels(List.of("trades", "books", "books5", "bbo-tbt", "tickers")))) {
            await().atMost(Duration.ofSeconds(30)).until(f.pools::ready);
            await().atMost(Duration.ofSeconds(30)).until(() -> f.kinds.containsAll(List.of(
                    "binance:Trade", "binance:BookDelta", "binance:BookTop", "binance:BookSnapshot", "binance:Kline",
                    "okx:Trade", "okx:BookDelta", "okx:BookTop", "okx:BookSnapshot", "okx:Ticker", "okx:Kline")));
            for (FeedPool p : f.pools.pools()) {
                assertThat(p.malformedFrames()).as(p.venue() + " malformed frames").isZero();
                assertThat(p.rejectedSubscriptions()).as(p.venue() + " rejected subscriptions").isZero();
                assertThat(p.processor().processed()).isPositive();
            }
        }
    }
}
