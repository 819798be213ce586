package io.tickgate.feed.backfill;

/**
 * Bounds of one backfill: what it may cost at most, so that a long outage or a slow venue degrades into a
 * {@link io.tickgate.model.event.TradeGap} instead of unbounded memory or live trades held forever.
 *
 * @param maxTrades     missed trades fetched at most per hole (the newest ones; older ones are announced as a gap)
 * @param holdTrades    live trades held at most over all of the venue's topics while backfills run (one more: the
 *                      backfill of the topic it arrived on is abandoned), so memory stays bounded after a mass
 *                      reconnect
 * @param timeoutMillis how long a backfill may hold a topic's live trades (longer: abandoned, the rest announced)
 */
public record BackfillConfig(int maxTrades, int holdTrades, long timeoutMillis) {

    /** 100,000 trades per hole, 50,000 held (~10 MB), 30 s: minutes of a busy symbol within the venues' budgets. */
    public static final BackfillConfig DEFAULTS = new BackfillConfig(100_000, 50_000, 30_000);

    public BackfillConfig {
        if (maxTrades < 0 || holdTrades < 1 || timeoutMillis < 1) {
            throw new IllegalArgumentException("backfill bounds must be positive (maxTrades may be 0: no backfill),"
                    + " got maxTrades " + maxTrades + ", holdTrades " + holdTrades + ", timeoutMillis "
                    + timeoutMillis);
        }
    }
}
