package io.tickgate.feed.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickgate.model.venue.Venue;
import io.tickgate.simulator.venue.VenueSimulator;
import io.tickgate.simulator.venue.VenueSimulatorConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Connections live 20 s (the simulated Binance announces the cut with {@code serverShutdown} and then closes; OKX
 * connections are rotated on the same schedule by the client): for 2 minutes every connection is rotated
 * make-before-break several times, and per symbol the published trade ids are complete and unique.
 */
@Execution(ExecutionMode.CONCURRENT)
class RotationTest {

    @Test
    @Timeout(200)
    void tradeIdsAreCompleteAndUniqueAcrossRotations() throws Exception {
        VenueSimulator sim = VenueSimulator.start(VenueSimulatorConfig.builder().seed(3).symbolsPerSource(30)
                .eventsPerSecond(1500).venue(Venue.BINANCE, "connectionLifetimeMillis", 20_000).build());
        Map<String, List<Long>> ids;
        long binanceRotations;
        long okxRotations;
        long reconnects;
        try (PoolFixture f = new PoolFixture(sim, b -> b.lifetimeMillis(20_000), b -> b.lifetimeMillis(20_000))) {
            await().atMost(Duration.ofSeconds(30)).until(f.pools::ready);
            Thread.sleep(120_000);
            binanceRotations = f.pools.pools().get(0).rotations();
            okxRotations = f.pools.pools().get(1).rotations();
            reconnects = f.pools.pools().stream().mapToLong(FeedPool::reconnects).sum();
            f.pools.close(); // stop publishing before reading what was published
            ids = Map.copyOf(f.tradeIds);
        }
        assertThat(binanceRotations).as("binance rotations").isGreaterThanOrEqualTo(8);
        assertThat(okxRotations).as("okx rotations").isGreaterThanOrEqualTo(8);
        assertThat(reconnects).as("unplanned reconnects").isZero();
        assertThat(ids).hasSize(60);
        long trades = 0;
        for (Map.Entry<String, List<Long>> e : ids.entrySet()) {
            List<Long> list = new ArrayList<>(e.getValue());
            trades += list.size();
            for (int i = 1; i < list.size(); i++) {
                assertThat(list.get(i)).as(e.getKey() + " trade after " + list.get(i - 1)).isEqualTo(list.get(i - 1) + 1);
            }
        }
        assertThat(trades).isGreaterThan(1000);
    }
}
