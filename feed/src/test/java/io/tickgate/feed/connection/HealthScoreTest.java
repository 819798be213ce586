package io.tickgate.feed.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HealthScoreTest {

    @Test
    void freshIsOneAndTheOlderAgeDecides() {
        assertThat(HealthScore.score(0, 60_000, 0, 30_000)).isEqualTo(1.0);
        assertThat(HealthScore.score(30_000, 60_000, 0, 30_000)).isCloseTo(0.5, within(1e-9));
        assertThat(HealthScore.score(0, 60_000, 27_000, 30_000)).isCloseTo(0.1, within(1e-9));
        assertThat(HealthScore.score(15_000, 60_000, 15_000, 30_000)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void pastEitherThresholdIsDeadAndScoresZero() {
        assertThat(HealthScore.dead(59_999, 60_000, 0, 30_000)).isFalse();
        assertThat(HealthScore.dead(60_000, 60_000, 0, 30_000)).isTrue();
        assertThat(HealthScore.dead(0, 60_000, 30_000, 30_000)).isTrue();
        assertThat(HealthScore.score(90_000, 60_000, 0, 30_000)).isZero();
        assertThat(HealthScore.score(-5, 60_000, -5, 30_000)).isEqualTo(1.0); // clock skew never exceeds 1
    }
}
