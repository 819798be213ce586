package io.tickgate.feed.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickgate.feed.connection.ConnectionState;
import io.tickgate.simulator.venue.VenueSimulator;
import io.tickgate.simulator.venue.VenueSimulatorConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Both venues' pools against the venue simulator over real loopback WebSockets. */
class FeedPoolTest {

    @Test
    @Timeout(90)
    void everySymbolOfBothVenuesIsSubscribedVerifiedAndDelivering() {
        VenueSimulator sim = VenueSimulator.start(VenueSimulatorConfig.builder().seed(7).symbolsPerSource(40)
                .eventsPerSecond(1500).build());
        try (PoolFixture f = new PoolFixture(sim, b -> b, b -> b)) {
            await().atMost(Duration.ofSeconds(30)).until(f.pools::ready);
            long t0 = System.currentTimeMillis();
            await().atMost(Duration.ofSeconds(30)).until(() -> f.deliveringSince(t0).size() == 80);
            await().atMost(Duration.ofSeconds(30)).until(() -> f.topics.contains("binance.BTCUSDT.book")
                    && f.topics.contains("okx.BTC-USDT.book") && f.topics.contains("binance.BTCUSDT.kline.1s")
                    && f.topics.contains("okx.BTC-USDT.ticker") && f.topics.contains("binance.BTCUSDT.book.top"));
            for (FeedPool p : f.pools.pools()) {
                assertThat(p.size()).isEqualTo(2);
                assertThat(p.connections(ConnectionState.UP)).isEqualTo(2);
                assertThat(p.rejectedSubscriptions()).isZero();
                assertThat(p.views()).allSatisfy(v -> {
                    assertThat(v.health()).isGreaterThan(0.5);
                    assertThat(v.symbols()).isNotEmpty();
                });
            }
        }
    }
}
