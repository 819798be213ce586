package io.tickgate.feed.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickgate.model.venue.Venue;
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
 * Symbols heat up and cool down (the simulator's activity regimes, set by the test), so the connections' loads drift
 * without a resize: the pool moves symbols to even them out, make-before-break (per symbol the trade ids stay
 * complete and unique), without reconnecting, and every symbol stays assigned exactly once. Two drifts, one after
 * the other, so at least two moves (the drifts are set, not left to the simulator's random regimes, which in some
 * runs settled after one move for a minute; at this low trigger the noise of the measured rates moves symbols too).
 */
class RebalanceTest {

    @Test
    @Timeout(150)
    void driftedLoadsAreEvenedOutWithoutLosingOrDoublingTrades() throws Exception {
        VenueSimulator sim = VenueSimulator.start(VenueSimulatorConfig.builder().seed(51).symbolsPerSource(20)
                .eventsPerSecond(1500).fixedHotSymbols(0).build());
        Map<String, List<Long>> ids;
        try (PoolFixture f = new PoolFixture(sim, b -> b.rebalance(1.1, 2000), null)) {
            await().atMost(Duration.ofSeconds(30)).until(f.pools::ready);
            FeedPool pool = f.pools.pools().get(0);
            assertThat(pool.views()).as("connections to move symbols between").hasSizeGreaterThanOrEqualTo(2);

            // first drift: one symbol turns hot (12x the trades of a calm one), its connection carries far more
            String first = pool.views().get(0).symbols().get(0);
            sim.heat(Venue.BINANCE, first, true);
            f.awaitOrExplain(Duration.ofSeconds(60), () -> "a symbol moved after " + first + " turned hot", pool,
                    () -> pool.rebalanceMoves() >= 1);
            await().atMost(Duration.ofSeconds(20)).until(f.pools::ready);

            // second drift: the heat moves to a symbol on another connection, whose load now passes the trigger
            long movesBefore = pool.rebalanceMoves();
            String firstHome = connectionOf(pool, first);
            String second = pool.views().stream().filter(v -> !v.name().equals(firstHome))
                    .flatMap(v -> v.symbols().stream()).findFirst().orElseThrow();
            sim.heat(Venue.BINANCE, first, false);
            sim.heat(Venue.BINANCE, second, true);
            f.awaitOrExplain(Duration.ofSeconds(60), () -> "a symbol moved after the heat went from " + first
                    + " to " + second, pool, () -> pool.rebalanceMoves() > movesBefore); // so at least two moves
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

    private static String connectionOf(FeedPool pool, String symbol) {
        return pool.views().stream().filter(v -> v.symbols().contains(symbol)).map(ConnectionView::name).findFirst()
                .orElseThrow(() -> new AssertionError(symbol + " is on no connection: " + pool.views()));
    }
}
