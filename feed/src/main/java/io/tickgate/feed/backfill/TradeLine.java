package io.tickgate.feed.backfill;

import io.tickgate.model.event.Trade;
import io.tickgate.model.event.TradeIds;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One topic's trade cursor as one route delivers it (one symbol, raw or aggregated): the last venue id published and,
 * while a hole is backfilled, the live trades held behind it. Owned by the processing thread.
 */
public final class TradeLine {

    long lastId = Long.MIN_VALUE;
    long lastTime;
    /**
     * The numbering before the venue seemed to number its trades anew (its last id and time), kept until a trade
     * passes it: if the old numbering goes on, the low ids were strays and the line continues after the old one
     * (no hole is opened over ids it published); {@link TradeIds#NONE} when none is kept.
     */
    long formerId = TradeIds.NONE;
    long formerTime;
    Pending pending;

    /** The last venue trade id published, {@link Long#MIN_VALUE} before the first. */
    public long lastId() {
        return lastId;
    }

    /**
     * Continues after {@code id} (sent at {@code time}) if this line has published nothing yet: a shard's new owner
     * starts from the last trade the topic carries in the broker, so the first live trade past it opens a backfill
     * of the ids the old owner never published.
     */
    public void resume(long id, long time) {
        if (lastId == Long.MIN_VALUE && id != TradeIds.NONE) {
            lastId = id;
            lastTime = time;
        }
    }

    /** True while a backfill holds this line's live trades. */
    public boolean backfilling() {
        return pending != null;
    }

    /** A hole being backfilled: ids {@code from..to}, the live trades held behind it. */
    static final class Pending {
        final Trade first;
        final long from;
        final long to;
        final Consumer<Trade> publish;
        final long startNanos;
        final long deadlineNanos;
        final List<Trade> held = new ArrayList<>();
        long lastHeldId;
        volatile boolean abandoned;

        Pending(Trade first, long from, long to, Consumer<Trade> publish, long startNanos, long deadlineNanos) {
            this.first = first;
            this.from = from;
            this.to = to;
            this.publish = publish;
            this.startNanos = startNanos;
            this.deadlineNanos = deadlineNanos;
        }
    }
}
