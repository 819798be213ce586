package io.tickgate.feed.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void ceilingsDoubleFromTheBaseUpToTheCap() {
        Backoff b = new Backoff(1000, 60_000, new SplittableRandom(1));
        assertThat(b.ceilingMillis(0)).isEqualTo(1000);
        assertThat(b.ceilingMillis(1)).isEqualTo(2000);
        assertThat(b.ceilingMillis(5)).isEqualTo(32_000);
        assertThat(b.ceilingMillis(6)).isEqualTo(60_000);
        assertThat(b.ceilingMillis(1000)).isEqualTo(60_000);
    }

    @Test
    void everyDelayIsWithinZeroAndTheCeilingOfItsAttemptForever() {
        Backoff b = new Backoff(1000, 60_000, new SplittableRandom(2));
        for (int attempt = 0; attempt < 10_000; attempt++) {
            long ceiling = b.ceilingMillis(attempt);
            assertThat(b.nextDelayMillis()).isBetween(0L, ceiling);
        }
        assertThat(b.attempts()).isEqualTo(10_000);
    }

    @Test
    void fullJitterSpreadsClientsThatFailedTogether() {
        // 100 clients, same attempt number: their delays are spread over the whole [0, ceiling] range
        Set<Long> buckets = new HashSet<>();
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int client = 0; client < 100; client++) {
            Backoff b = new Backoff(1000, 60_000, new SplittableRandom(client));
            for (int i = 0; i < 4; i++) {
                b.nextDelayMillis();
            }
            long d = b.nextDelayMillis(); // attempt 4: [0, 16 s]
            buckets.add(d / 1600);
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        assertThat(buckets).hasSizeGreaterThanOrEqualTo(9); // of 11 tenths of the range
        assertThat(min).isLessThan(3_000);
        assertThat(max).isGreaterThan(13_000).isLessThanOrEqualTo(16_000);
    }

    @Test
    void resetStartsOverAtTheBase() {
        Backoff b = new Backoff(1000, 300_000, new SplittableRandom(3));
        for (int i = 0; i < 20; i++) {
            b.nextDelayMillis();
        }
        b.reset();
        assertThat(b.attempts()).isZero();
        assertThat(b.nextDelayMillis()).isBetween(0L, 1000L);
    }

    @Test
    void badSettingsAreRejected() {
        assertThatThrownBy(() -> new Backoff(0, 10, new SplittableRandom())).isInstanceOf(
                IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(1000, 10, new SplittableRandom())).isInstanceOf(
                IllegalArgumentException.class);
    }
}
