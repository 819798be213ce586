package io.tickgate.app.shards;

import io.tickgate.bus.api.Envelope;
import io.tickgate.bus.api.TopicImage;
import io.tickgate.bus.api.TopicListener;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.Trade;
import io.tickgate.model.event.TradeGap;
import io.tickgate.model.topic.Topic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per trade topic, the venue ids a subscriber sees after the first image, checked to follow one another by 1; a gap
 * notice must start right after the last id and moves the cursor to its end; after {@link #mark}, when each topic's
 * first trade arrived. Any thread.
 */
final class TradeTape implements TopicListener {

    private final Map<Topic, Long> cursor = new HashMap<>();
    private final Map<Topic, Long> counts = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final List<TradeGap> gaps = new ArrayList<>();
    private final Map<Topic, Long> firstAfterMark = new HashMap<>();
    private long markNanos;

    @Override
    public synchronized void onImage(TopicImage image) {
        counts.putIfAbsent(image.topic(), 0L);
    }

    @Override
    public synchronized void onEnvelope(Envelope e) {
        MarketEvent ev = e.event();
        Long last = cursor.get(e.topic());
        if (ev instanceof TradeGap g) {
            gaps.add(g);
            if (last != null && Long.parseLong(g.fromId()) != last + 1) {
                problems.add(e.topic() + ": gap " + g.fromId() + ".." + g.toId() + " after " + last);
            }
            cursor.put(e.topic(), Long.parseLong(g.toId()));
        } else if (ev instanceof Trade t) {
            long id = Long.parseLong(t.tradeId());
            if (last != null && id != last + 1) {
                problems.add(e.topic() + ": " + id + " after " + last);
            }
            cursor.put(e.topic(), id);
            counts.merge(e.topic(), 1L, Long::sum);
            if (markNanos != 0) {
                firstAfterMark.putIfAbsent(e.topic(), System.nanoTime());
            }
        }
    }

    /** From now on, the arrival of each topic's first trade is noted ({@link #firstAfterMarkMillis}). */
    synchronized void mark() {
        markNanos = System.nanoTime();
        firstAfterMark.clear();
    }

    /** Per topic that delivered a trade since {@link #mark}: milliseconds from the mark to that trade's arrival. */
    synchronized Map<Topic, Long> firstAfterMarkMillis() {
        Map<Topic, Long> out = new HashMap<>();
        firstAfterMark.forEach((t, at) -> out.put(t, (at - markNanos) / 1_000_000));
        return out;
    }

    /** Topics that delivered a trade. */
    synchronized int topics() {
        return (int) counts.values().stream().filter(n -> n > 0).count();
    }

    /** The fewest trades a topic delivered. */
    synchronized long minCount() {
        return counts.values().stream().mapToLong(Long::longValue).min().orElse(0);
    }

    /** Trades delivered over all topics. */
    synchronized long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Per topic: trades delivered and the last id (for failure messages). */
    @Override
    public synchronized String toString() {
        Map<String, String> out = new java.util.TreeMap<>();
        counts.forEach((t, n) -> out.put(t.toString(), n + " trades, last id " + cursor.get(t)));
        return out.toString();
    }

    /** Ids out of order, repeated or skipped without a gap notice. */
    synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    synchronized List<TradeGap> gaps() {
        return List.copyOf(gaps);
    }
}
