package io.tickgate.store.writer;

import io.tickgate.store.api.HistoryStore;
import io.tickgate.store.api.StoreSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops history older than the configured retention, at most every {@link #EVERY_MILLIS} (the first time at once).
 * Run by the writer thread between batches and when idle, so it never competes with a batch for the writer's
 * connection, and a feed that never leaves the queue empty cannot keep it from running (the disk would fill); a
 * failure is logged and tried again next time.
 */
final class Retention {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    static final long EVERY_MILLIS = 600_000;

    private final HistoryStore store;
    private final long tradesMillis;
    private final long klinesMillis;
    private long nextRun;

    Retention(HistoryStore store, StoreSettings settings) {
        this.store = store;
        this.tradesMillis = settings.tradesRetentionMillis();
        this.klinesMillis = settings.klinesRetentionMillis();
    }

    /** Whether {@link #runIfDue} would run now: a retention is configured and the last run is long enough ago. */
    boolean due(long now) {
        return now >= nextRun && (tradesMillis != 0 || klinesMillis != 0);
    }

    /** Runs when {@link #due}. */
    void runIfDue(long now) {
        if (!due(now)) {
            return;
        }
        nextRun = now + EVERY_MILLIS;
        try {
            long dropped = store.dropBefore(cutoff(now, tradesMillis), cutoff(now, klinesMillis));
            if (dropped > 0) {
                LOG.info("store {}: retention dropped {} (partitions or rows)", store.backend(), dropped);
            }
        } catch (Exception e) {
            LOG.warn("store {}: retention failed: {}", store.backend(), e.toString());
        }
    }

    private static long cutoff(long now, long retention) {
        return retention == 0 ? Long.MIN_VALUE : now - retention;
    }
}
