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
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Scaling a pool up and down moves only some symbols, make-before-break: per symbol the trade ids stay complete and
 * unique; and a busy pool scales itself up, within its maximum.
 */
@Execution(ExecutionMode.CONCURRENT)
class AutoscaleTest {

    @Test
    @Timeout(90)
    void scalingUpAndDownMovesSymbolsWithoutLosingOrDoublingTrades() throws Exception {
        VenueSimulator sim = VenueSimulator.start(VenueSimulatorConfig.builder().seed(9).symbolsPerSource(40)
                .eventsPerSecond(1500).build());
        Map<String, List<Long>> ids;
        try (PoolFixture f = new PoolFixture(sim, b -> b.connections(2, 3), b -> b.connections(2, 3))) {
            await().atMost(Duration.ofSeconds(30)).until(f.pools::ready);
            Map<String, Set<String>> before = assignment(f);
            for (FeedPool p : f.pools.pools()) {
                p.scaleUp();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> f.pools.pools().stream().allMatch(p -> p.size() == 3)
                    && f.pools.ready());
            Map<String, Set<String>> up = assignment(f);
            for (FeedPool p : f.pools.pools()) {
                String added = p.venue().source() + "-2";
                // only symbols that went to the new connection moved
                for (String c : List.of(p.venue().source() + "-0", p.venue().source() + "-1")) {
                    assertThat(before.get(c)).containsAll(up.get(c));
                }
                assertThat(up.get(added)).isNotEmpty();
            }
            Thread.sleep(3000);
            for (FeedPool p : f.pools.pools()) {
                p.scaleDown();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> f.pools.pools().stream().allMatch(p -> p.size() == 2)
                    && f.pools.ready() && assignment(f).values().stream().mapToInt(Set::size).sum() == 80);
            long scaledDown = System.currentTimeMillis();
            Thread.sleep(3000);
            // every symbol is published again after the moves (none left held behind a handoff that never came)
            await().atMost(Duration.ofSeconds(20)).until(() -> f.deliveringSince(scaledDown).size() == 80);
            // trades come in bursts: wait until every symbol has traded at least once, so each one's ids are checked
            await().atMost(Duration.ofSeconds(30)).until(() -> f.tradeIds.size() == 80);
            assertThat(f.pools.pools().stream().mapToLong(FeedPool::reconnects).sum()).isZero();
            f.pools.close();
            ids = Map.copyOf(f.tradeIds);
        }
        assertThat(ids).hasSize(80);
        for (Map.Entry<String, List<Long>> e : ids.entrySet()) {
            List<Long> list = new ArrayList<>(e.getValue());
            for (int i = 1; i < list.size(); i++) {
                assertThat(list.get(i)).as(e.getKey() + " trade after " + list.get(i - 1)).isEqualTo(list.get(i - 1) + 1);
            }
        }
    }

    @Test
    @Timeout(60)
    void aConnectionClosedBeforeItsUnsubscribeIsConfirmedStillHandsItsSymbolsOver() {
        VenueSimulator sim = VenueSimulator.start(VenueSimulatorConfig.builder().seed(5).symbolsPerSource(12)
                .eventsPerSecond(800).build());
        // no autoscaling of its own; the pool tick (drained connections are closed there) every 300 ms
        try (PoolFixture f = new PoolFixture(sim, null, b -> b.connections(1, 2).autoscale(1e9, 0, 3_600_000, 300))) {
            FeedPool pool = f.pools.pools().get(0);
            await().atMost(Duration.ofSeconds(30)).until(f.pools::ready);
            pool.scaleUp();
            await().atMost(Duration.ofSeconds(30)).until(() -> pool.size() == 2 && f.pools.ready());
            Set<String> moved = new HashSet<>(assignment(f).get("okx-1"));
            assertThat(moved).isNotEmpty();
            // the venue stops answering okx-1 (its newest socket): its unsubscribe is never confirmed, and the
            // pool closes the drained connection while the confirmation is outstanding
            List<io.tickgate.simulator.venue.VenueConnection> live = sim.controls(io.tickgate.model.venue.Venue.OKX)
                    .connections();
            live.get(live.size() - 1).stallUntil(System.currentTimeMillis() + 600_000);
            long before = System.currentTimeMillis();
            pool.scaleDown();
            await().atMost(Duration.ofSeconds(20)).until(() -> pool.size() == 1
                    && assignment(f).get("okx-0").containsAll(moved));
            Set<String> expected = new HashSet<>();
            moved.forEach(s -> expected.add("okx." + s));
            await().atMost(Duration.ofSeconds(20)).until(() -> f.deliveringSince(before + 1000).containsAll(expected));
        }
    }

    @Test
    @Timeout(60)
    void aBusyPoolScalesItselfUpToItsMaximum() {
        VenueSimulator sim = VenueSimulator.start(VenueSimulatorConfig.builder().seed(4).symbolsPerSource(20)
                .eventsPerSecond(2000).build());
        try (PoolFixture f = new PoolFixture(sim, b -> b.connections(1, 2).autoscale(50, 1, 1000, 500), null)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> f.pools.pools().get(0).size() == 2 && f.pools.ready());
            assertThat(f.pools.pools().get(0).size()).isEqualTo(2);
        }
    }

    private static Map<String, Set<String>> assignment(PoolFixture f) {
        Map<String, Set<String>> out = new java.util.HashMap<>();
        for (ConnectionView v : f.pools.views()) {
            out.put(v.name(), new HashSet<>(v.symbols()));
        }
        return out;
    }
}
