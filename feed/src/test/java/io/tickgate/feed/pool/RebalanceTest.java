package io.tickgate.feed.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickgate.simulator.venue.VenueSimulator;
import io.tickgate.simulator.venue.VenueSimulatorConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The simulator's symbols switch between busy and quiet regimes, so the connections' loads drift without a resize:
 * the pool moves symbols to even them out, make-before-break (per symbol the trade ids stay complete and unique),
 * without reconnecting, and every symbol stays assigned exactly once.
 */
class RebalanceTest {

    @Test
    @Timeout(120)
    void driftedLoadsAreEvenedOutWithoutLosingOrDoublingTrades() throws Exception {
        VenueSimulator sim = VenueSimulator.start(VenueSimulatorConfig.builder().seed(51).symbolsPerSource(20)
                .eventsPerSecond(1500).build());
        Map<String, List<Long>> ids;
        try (PoolFixture f = new PoolFixture(sim, b -> b.rebalance(1.1, 2000), null)) {
            await().atMost(Duration.ofSeconds(30)).until(f.pools::ready);
            FeedPool pool = f.pools.pools().get(0);
            // how often loads drift past the trigger follows the simulator's random regimes: in some runs one move
            // evens them out for a long while (2 of 10 full feed runs once, and both attempts of one CI run, saw
            // exactly one move in 40 s); one move, made before break, is what the property needs
            f.awaitOrExplain(Duration.ofSeconds(60), () -> "a symbol moved", pool, () -> pool.rebalanceMoves() >= 1);
            await().atMost(Duration.ofSeconds(20)).until(f.pools::ready);
            Thread.sleep(2000);
            Set<String> assigned = new HashSet<>();
            int total = 0;
            for (ConnectionView v : pool.views()) {
                assigned.addAll(v.symbols());
                total += v.symbols().size();
            }
            assertThat(assigned).hasSize(20);
            assertThat(total).as("each symbol on one connection").isEqualTo(20);
            assertThat(pool.reconnects()).isZero();
            f.pools.close();
            ids = Map.copyOf(f.tradeIds);
        }
        assertThat(ids).hasSize(20);
        for (Map.Entry<String, List<Long>> e : ids.entrySet()) {
            List<Long> list = new ArrayList<>(e.getValue());
            for (int i = 1; i < list.size(); i++) {
                assertThat(list.get(i)).as(e.getKey() + " trade after " + list.get(i - 1)).isEqualTo(list.get(i - 1) + 1);
            }
        }
    }
}
