package io.tickgate.feed.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A socket id carries its endpoint; plain small ids (tests, replay) belong to endpoint 0. */
class SessionIdsTest {

    @Test
    void theEndpointRoundTripsAndIdsStayUniqueAndPositive() {
        long a = SessionIds.of(0, 7);
        long b = SessionIds.of(1, 7);
        long c = SessionIds.of(255, (1L << 48) - 1);
        assertThat(a).isEqualTo(7).isNotEqualTo(b);
        assertThat(SessionIds.endpoint(a)).isZero();
        assertThat(SessionIds.endpoint(b)).isEqualTo(1);
        assertThat(SessionIds.endpoint(c)).isEqualTo(255);
        assertThat(c).isPositive();
        assertThat(SessionIds.endpoint(42)).as("a plain id").isZero();
        assertThatThrownBy(() -> SessionIds.of(256, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SessionIds.of(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
