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
}
