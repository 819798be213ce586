package io.tickgate.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickgate.gateway.session.InboundRateLimiter.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Token buckets on a simulated clock. */
@Timeout(10)
class InboundRateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void burstThenLimitedThenClosedWhenFarOver() {
        InboundRateLimiter l = new InboundRateLimiter(10, 20, 0);
        for (int i = 0; i < 20; i++) {
            assertThat(l.acquire(0)).isEqualTo(Verdict.ADMIT);
        }
        for (int i = 0; i < 20; i++) {
            assertThat(l.acquire(0)).isEqualTo(Verdict.LIMIT);
        }
        assertThat(l.acquire(0)).isEqualTo(Verdict.CLOSE);
    }

    @Test
    void refillsAtTheRate() {
        InboundRateLimiter l = new InboundRateLimiter(10, 1, 0);
        assertThat(l.acquire(0)).isEqualTo(Verdict.ADMIT);
        assertThat(l.acquire(0)).isEqualTo(Verdict.LIMIT);
        assertThat(l.acquire(SECOND / 10)).isEqualTo(Verdict.ADMIT);
    }

    @Test
    void sustainedOneAndAHalfTimesTheRateIsLimitedButNeverClosed() {
        InboundRateLimiter l = new InboundRateLimiter(100, 200, 0);
        long step = SECOND / 150;
        int limited = 0;
        for (int i = 0; i < 150 * 60; i++) {
            Verdict v = l.acquire(i * step);
            assertThat(v).isNotEqualTo(Verdict.CLOSE);
            if (v == Verdict.LIMIT) {
                limited++;
            }
        }
        assertThat(limited).isGreaterThan(0);
    }

    @Test
    void aWeightedMessageTakesItsWholeWeightOrNothing() {
        InboundRateLimiter l = new InboundRateLimiter(10, 20, 0);
        assertThat(l.acquire(0, 15)).isEqualTo(Verdict.ADMIT);
        assertThat(l.acquire(0, 6)).as("5 tokens left").isEqualTo(Verdict.LIMIT);
        assertThat(l.acquire(0, 5)).isEqualTo(Verdict.ADMIT);
        assertThat(l.acquire(SECOND, 10)).as("a second refilled 10").isEqualTo(Verdict.ADMIT);
        assertThat(l.burst()).isEqualTo(20);
        // the abuse bucket (2 x 20, refilled 20 in that second) counts the weight too: 40 - 26 + 20 - 10 = 24 left
        assertThat(l.acquire(SECOND, 20)).isEqualTo(Verdict.LIMIT);
        assertThat(l.acquire(SECOND, 5)).isEqualTo(Verdict.CLOSE);
    }
}
