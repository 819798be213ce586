package io.tickgate.feed.pipeline;

import io.tickgate.feed.backfill.BackfillConfig;
import io.tickgate.model.topic.Channel;
import io.tickgate.model.topic.Interval;
import io.tickgate.processing.book.BookSyncConfig;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of one venue's processing thread.
 *
 * @param queueCapacity   data items the inbound queue holds; beyond it new data is dropped and counted (markers are
 *                        never dropped). Default 65,536.
 * @param klineIntervals  candles built from trades (default every {@link Interval}: 1s, 1m, 5m, 15m, 1h, 4h, 1d);
 *                        the venue's own candles of these intervals are dropped (the topic has one source)
 * @param bookSync        book sync settings (default {@link BookSyncConfig#defaults()})
 * @param candleSource    the trades candles are built from: {@link Channel#TRADE} (default) or
 *                        {@link Channel#AGG_TRADE} (when only aggregated trades are subscribed)
 * @param stale           when a symbol counts as stale and what is done (default {@link StaleRule#off()}; pools set
 *                        theirs)
 * @param backfill        bounds of trade backfills (default {@link BackfillConfig#DEFAULTS})
 */
public record ProcessorConfig(int queueCapacity, Set<Interval> klineIntervals, BookSyncConfig bookSync,
                              Channel candleSource, StaleRule stale, BackfillConfig backfill) {

    public ProcessorConfig {
        if (queueCapacity < 16) {
            throw new IllegalArgumentException("queueCapacity must be >= 16: " + queueCapacity);
        }
        klineIntervals = Set.copyOf(klineIntervals);
        Objects.requireNonNull(bookSync, "bookSync");
        if (candleSource == null || !candleSource.isTrade()) {
            throw new IllegalArgumentException("candleSource must be a trade channel: " + candleSource);
        }
        Objects.requireNonNull(stale, "stale");
        Objects.requireNonNull(backfill, "backfill");
    }

    /** With the default backfill bounds. */
    public ProcessorConfig(int queueCapacity, Set<Interval> klineIntervals, BookSyncConfig bookSync,
                           Channel candleSource, StaleRule stale) {
        this(queueCapacity, klineIntervals, bookSync, candleSource, stale, BackfillConfig.DEFAULTS);
    }

    /** Candles from raw trades, without stale-symbol detection. */
    public ProcessorConfig(int queueCapacity, Set<Interval> klineIntervals, BookSyncConfig bookSync) {
        this(queueCapacity, klineIntervals, bookSync, Channel.TRADE, StaleRule.off());
    }

    /** Without stale-symbol detection. */
    public ProcessorConfig(int queueCapacity, Set<Interval> klineIntervals, BookSyncConfig bookSync,
                           Channel candleSource) {
        this(queueCapacity, klineIntervals, bookSync, candleSource, StaleRule.off());
    }

    /** The defaults described above. */
    public static ProcessorConfig defaults() {
        return new ProcessorConfig(65_536, Set.of(Interval.values()), BookSyncConfig.defaults());
    }

    /** These settings with another stale-symbol rule. */
    public ProcessorConfig withStale(StaleRule rule) {
        return new ProcessorConfig(queueCapacity, klineIntervals, bookSync, candleSource, rule, backfill);
    }

    /** These settings with other trade backfill bounds. */
    public ProcessorConfig withBackfill(BackfillConfig bounds) {
        return new ProcessorConfig(queueCapacity, klineIntervals, bookSync, candleSource, stale, bounds);
    }
}
