package io.tickgate.feed.backfill;

import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.Trade;
import io.tickgate.model.event.TradeGap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a subscriber of every trade topic saw, in publish order: trade ids and gap notices. Checks the property the
 * backfill promises: per topic, consecutive venue ids, each once, and where ids lack a gap notice naming exactly
 * those ids.
 */
final class TopicTape implements Consumer<MarketEvent> {

    private final Map<String, List<Object>> byTopic = new HashMap<>();

    @Override
    public synchronized void accept(MarketEvent e) {
        if (e instanceof Trade t) {
            byTopic.computeIfAbsent(t.topic().toString(), k -> new ArrayList<>()).add(Long.parseLong(t.tradeId()));
        } else if (e instanceof TradeGap g) {
            byTopic.computeIfAbsent(g.topic().toString(), k -> new ArrayList<>()).add(g);
        }
    }

    synchronized Map<String, List<Object>> copy() {
        Map<String, List<Object>> out = new HashMap<>();
        byTopic.forEach((k, v) -> out.put(k, new ArrayList<>(v)));
        return out;
    }

    /** Trades seen on a topic. */
    synchronized int trades(String topic) {
        return (int) byTopic.getOrDefault(topic, List.of()).stream().filter(o -> o instanceof Long).count();
    }

    /** The gap notices of every topic. */
    synchronized List<TradeGap> gaps() {
        List<TradeGap> out = new ArrayList<>();
        byTopic.values().forEach(l -> l.stream().filter(o -> o instanceof TradeGap).forEach(o -> out.add((TradeGap) o)));
        return out;
    }

    /**
     * Problems of one topic's sequence: an id not one past the previous one without a gap notice between that
     * covers exactly the ids between, or a notice that does not fit.
     */
    static List<String> problems(String topic, List<Object> seen) {
        List<String> out = new ArrayList<>();
        long last = Long.MIN_VALUE;
        TradeGap pendingGap = null;
        for (Object o : seen) {
            if (o instanceof TradeGap g) {
                if (pendingGap != null || last == Long.MIN_VALUE || Long.parseLong(g.fromId()) != last + 1) {
                    out.add(topic + ": gap " + g.fromId() + ".." + g.toId() + " after id " + last);
                }
                pendingGap = g;
                continue;
            }
            long id = (Long) o;
            if (pendingGap != null) {
                if (Long.parseLong(pendingGap.toId()) != id - 1) {
                    out.add(topic + ": gap " + pendingGap.fromId() + ".." + pendingGap.toId() + " then id " + id);
                }
                pendingGap = null;
            } else if (last != Long.MIN_VALUE && id != last + 1) {
                out.add(topic + ": id " + id + " after " + last + " with no gap notice");
            }
            last = id;
        }
        return out;
    }
}
