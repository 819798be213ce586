package io.tickgate.simulator.venue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickgate.model.venue.Venue;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class VenueSimulatorReadinessTest {

    @Test
    @Timeout(30)
    void aMarketEngineThatFailedIsReported() {
        try (VenueSimulator sim = VenueSimulator.start(VenueSimulatorConfig.builder().symbolsPerSource(2)
                .eventsPerSecond(100).build())) {
            assertThat(sim.problem()).isNull();
            sim.market(Venue.OKX).execute(() -> {
                throw new IllegalStateException("simulated engine failure (expected in this test)");
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> sim.problem() != null);
            assertThat(sim.problem()).isEqualTo("okx market simulator thread stopped");
        }
    }
}
