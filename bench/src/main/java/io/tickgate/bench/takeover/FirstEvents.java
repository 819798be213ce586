package io.tickgate.bench.takeover;

import io.tickgate.bus.api.Envelope;
import io.tickgate.bus.api.TopicImage;
import io.tickgate.bus.api.TopicListener;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Topic;
import java.util.HashMap;
import java.util.Map;

/**
 * A subscriber's view of the trade topics: per topic the last venue id and, after {@link #mark}, when the first trade
 * past the id seen at the mark arrived (the new owner's first; {@link System#nanoTime}). Any thread.
 */
final class FirstEvents implements TopicListener {

    private final Map<Topic, Long> last = new HashMap<>();
    private final Map<Topic, Long> marked = new HashMap<>();
    private final Map<Topic, Long> firstAfter = new HashMap<>();

    @Override
    public void onImage(TopicImage image) {
    }

    @Override
    public synchronized void onEnvelope(Envelope e) {
        if (!(e.event() instanceof Trade t)) {
            return;
        }
        long id = Long.parseLong(t.tradeId());
        last.put(e.topic(), id);
        Long m = marked.get(e.topic());
        if (m != null && id > m && !firstAfter.containsKey(e.topic())) {
            firstAfter.put(e.topic(), System.nanoTime());
        }
    }

    /** From now on, a topic's first trade past its current last id is timed. */
    synchronized void mark() {
        marked.putAll(last);
        firstAfter.clear();
    }

    /** When the first trade past the mark arrived on {@code topic}, or null. */
    synchronized Long firstAfterMark(Topic topic) {
        return firstAfter.get(topic);
    }
}
