package io.tickgate.feed.pool;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickgate.model.venue.Venue;
import io.tickgate.simulator.venue.VenueSimulator;
import io.tickgate.simulator.venue.VenueSimulatorConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A venue that sends frames that are not JSON, and one that skips a book update (its sequence numbers lie): nothing
 * crashes or reconnects, every bad frame is counted, only the affected book resyncs, and every topic keeps flowing.
 */
class BadFrameRecoveryTest {

    @Test
    @Timeout(90)
    void malformedFramesAreCountedAndASkippedUpdateResyncsOnlyItsBook() {
        VenueSimulator sim = VenueSimulator.start(VenueSimulatorConfig.builder().seed(41).symbolsPerSource(12)
                .eventsPerSecond(1500).build());
        try (PoolFixture f = new PoolFixture(sim, b -> b, b -> b)) {
            await().atMost(Duration.ofSeconds(30)).until(f.pools::ready);
            await().atMost(Duration.ofSeconds(30)).until(() -> f.bookSnapshots.size() == 24
                    && f.deliveringSince(0).size() == 24);

            Map<String, Integer> synced = new HashMap<>(f.bookSnapshots);
            int malformed = sim.faults().malformed(0);
            assertThat(malformed).as("one bad frame on every connection").isEqualTo(4);
            await().atMost(Duration.ofSeconds(10)).until(() -> f.pools.pools().stream()
                    .mapToLong(FeedPool::malformedFrames).sum() == malformed);

            for (Venue venue : List.of(Venue.BINANCE, Venue.OKX)) {
                FeedPool pool = f.pools.pools().get(venue == Venue.BINANCE ? 0 : 1);
                Map<String, Integer> before = new HashMap<>(f.bookSnapshots);
                long gaps = pool.processor().bookCounters().gaps();
                assertThat(sim.faults(venue).skipSequence(1, 1)).isEqualTo(1);
                await().atMost(Duration.ofSeconds(20)).until(() -> f.resyncedSince(before).size() == 1);
                assertThat(pool.processor().bookCounters().gaps()).as(venue + " gaps").isEqualTo(gaps + 1);
                Set<String> resynced = f.resyncedSince(before);
                assertThat(resynced).allSatisfy(s -> assertThat(s).startsWith(venue.source() + "."));
            }

            assertThat(f.resyncedSince(synced)).as("one book per venue resynced").hasSize(2);
            long t0 = System.currentTimeMillis();
            await().atMost(Duration.ofSeconds(20)).until(() -> f.deliveringSince(t0).size() == 24);
            for (FeedPool p : f.pools.pools()) {
                assertThat(p.reconnects()).as(p.venue() + " reconnects").isZero();
                assertThat(p.rejectedSubscriptions()).isZero();
            }
            assertThat(f.pools.ready()).isTrue();
        }
    }
}
