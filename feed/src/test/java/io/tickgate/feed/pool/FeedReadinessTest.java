package io.tickgate.feed.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickgate.simulator.venue.VenueSimulator;
import io.tickgate.simulator.venue.VenueSimulatorConfig;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The feeds' readiness problem names a stalled venue (and clears when it delivers again) and a dead processor. */
class FeedReadinessTest {

    @Test
    @Timeout(90)
    void aStalledVenueAndADeadProcessingThreadFailReadiness() {
        VenueSimulator sim = VenueSimulator.start(VenueSimulatorConfig.builder().seed(7).symbolsPerSource(4)
                .eventsPerSecond(400).build());
        try (sim; PoolFixture f = new PoolFixture(sim, b -> b.deadAfter(60_000, 2_000), null)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> f.pools.problem() == null);

            sim.faults().stall(0, 5_000);
            AtomicReference<String> seen = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
                    .until(() -> seen.updateAndGet(p -> p != null ? p : f.pools.problem()) != null);
            assertThat(seen.get()).as("silent past 2 s, or its connection declared dead for it")
                    .matches("binance (silent for \\d+ ms \\(threshold 2000 ms\\)|connection .* is .*)");
            await().atMost(Duration.ofSeconds(30)).until(() -> f.pools.problem() == null);

            FeedPool binance = f.pools.pools().get(0);
            binance.processor().execute(() -> {
                throw new AssertionError("simulated fatal error on the processing thread (expected in this test)");
            });
            // the thread dies of an uncaught Error on purpose: Awaitility must not turn that into a failure
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10))
                    .until(() -> "binance processing thread stopped".equals(f.pools.problem()));
        }
    }
}
