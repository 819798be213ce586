package io.tickgate.feed.pipeline;

import io.tickgate.model.topic.Interval;
import io.tickgate.processing.book.BookSyncConfig;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of one venue's processing thread.
 *
 * @param queueCapacity   data items the inbound queue holds; beyond it new data is dropped and counted (markers are
 *                        never dropped). Default 65,536.
 * @param klineIntervals  candles built from trades (default 1s, 1m, 5m, 15m, 1h)
 * @param bookSync        book sync settings (default {@link BookSyncConfig#defaults()})
 * @param stale           when a symbol counts as stale and what is done (default {@link StaleRule#off()}; pools set
 *                        theirs)
 */
public record ProcessorConfig(int queueCapacity, Set<Interval> klineIntervals, BookSyncConfig bookSync,
                              StaleRule stale) {

    public ProcessorConfig {
        if (queueCapacity < 16) {
            throw new IllegalArgumentException("queueCapacity must be >= 16: " + queueCapacity);
        }
        klineIntervals = Set.copyOf(klineIntervals);
        Objects.requireNonNull(bookSync, "bookSync");
        Objects.requireNonNull(stale, "stale");
    }

    /** Without stale-symbol detection. */
    public ProcessorConfig(int queueCapacity, Set<Interval> klineIntervals, BookSyncConfig bookSync) {
        this(queueCapacity, klineIntervals, bookSync, StaleRule.off());
    }

    /** The defaults described above. */
    public static ProcessorConfig defaults() {
        return new ProcessorConfig(65_536, Set.of(Interval.S1, Interval.M1, Interval.M5, Interval.M15, Interval.H1),
                BookSyncConfig.defaults());
    }
}
