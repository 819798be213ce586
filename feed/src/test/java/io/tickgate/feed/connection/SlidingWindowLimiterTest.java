package io.tickgate.feed.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SlidingWindowLimiterTest {

    @Test
    void allowsPermitsPerWindowThenSaysHowLongToWait() {
        SlidingWindowLimiter l = new SlidingWindowLimiter(3, 1000);
        assertThat(l.tryAcquire(0)).isZero();
        assertThat(l.tryAcquire(100)).isZero();
        assertThat(l.tryAcquire(200)).isZero();
        assertThat(l.tryAcquire(300)).isEqualTo(700);
        assertThat(l.waitMillis(999)).isEqualTo(1);
        assertThat(l.tryAcquire(1000)).isZero();
        assertThat(l.used(1000)).isEqualTo(3);
        assertThat(l.acquired()).isEqualTo(4);
    }

    @Test
    void noWindowEverHoldsMoreThanThePermits() {
        SlidingWindowLimiter l = new SlidingWindowLimiter(5, 1000);
        Random r = new Random(7);
        List<Long> granted = new ArrayList<>();
        long now = 0;
        for (int i = 0; i < 20_000; i++) {
            now += r.nextInt(120);
            if (l.tryAcquire(now) == 0) {
                granted.add(now);
            }
        }
        for (int i = 5; i < granted.size(); i++) {
            assertThat(granted.get(i) - granted.get(i - 5)).as("6 grants within a window").isGreaterThanOrEqualTo(1000);
        }
        assertThat(granted.size()).isGreaterThan(4 * (int) (now / 1000)); // and it does not starve
    }

    @Test
    void aVenueRetryAfterPausesEveryAcquisition() {
        SlidingWindowLimiter l = new SlidingWindowLimiter(100, 1000);
        l.pauseUntil(5000);
        assertThat(l.tryAcquire(1000)).isEqualTo(4000);
        assertThat(l.pausedMillis(1000)).isEqualTo(4000);
        l.pauseUntil(3000); // an earlier pause does not shorten it
        assertThat(l.tryAcquire(4999)).isEqualTo(1);
        assertThat(l.tryAcquire(5000)).isZero();
        assertThat(l.pausedMillis(5000)).isZero();
    }
}
