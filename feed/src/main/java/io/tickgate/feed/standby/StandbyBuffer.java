package io.tickgate.feed.standby;

import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.Trade;
import io.tickgate.model.event.TradeIds;
import io.tickgate.model.topic.Topic;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A standby shard's recent events, oldest first, bounded by count and age: past either bound the oldest are dropped
 * and counted, and for a trade topic the highest venue id dropped is kept (a takeover that needs it announces a gap).
 * Written by the pool's processing thread only; {@link #size()} may be read anywhere.
 */
final class StandbyBuffer {

    private record Entry(MarketEvent event, long atNanos) {
    }

    private final ArrayDeque<Entry> events = new ArrayDeque<>();
    private final Map<Topic, Long> droppedUpTo = new HashMap<>();
    private final int maxEvents;
    private final long maxAgeNanos;
    private final StandbyCounters counters;
    private volatile int size;
    private volatile long dropped;

    StandbyBuffer(StandbyConfig config, StandbyCounters counters) {
        this.maxEvents = config.maxEvents();
        this.maxAgeNanos = TimeUnit.MILLISECONDS.toNanos(config.maxAgeMillis());
        this.counters = counters;
    }

    /** Buffers {@code e} received at {@code nowNanos}, dropping what the bounds no longer allow. */
    void add(MarketEvent e, long nowNanos) {
        events.addLast(new Entry(e, nowNanos));
        counters.buffered();
        while (events.size() > maxEvents || nowNanos - events.peekFirst().atNanos() > maxAgeNanos) {
            drop(events.pollFirst().event());
        }
        size = events.size();
    }

    private void drop(MarketEvent e) {
        dropped++;
        counters.dropped();
        if (e instanceof Trade t) {
            long id = TradeIds.parse(t.tradeId());
            if (id != TradeIds.NONE) {
                droppedUpTo.merge(t.topic(), id, Math::max);
            }
        }
    }

    /** Empties the buffer: its events, oldest first. */
    List<MarketEvent> drain() {
        List<MarketEvent> out = new ArrayList<>(events.size());
        for (Entry e : events) {
            out.add(e.event());
        }
        events.clear();
        size = 0;
        return out;
    }

    /** Per trade topic, the highest venue trade id dropped by the bounds. */
    Map<Topic, Long> droppedUpTo() {
        return Map.copyOf(droppedUpTo);
    }

    /** Events buffered now. */
    int size() {
        return size;
    }

    /** Events this buffer dropped by its bounds. */
    long dropped() {
        return dropped;
    }
}
