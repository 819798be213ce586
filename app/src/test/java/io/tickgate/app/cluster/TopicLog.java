package io.tickgate.app.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickgate.client.TopicListener;
import io.tickgate.client.TopicMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * What one client got on one trade topic: each snapshot (its seq and trade ids, oldest first) and each data message
 * (seq and trade id), in arrival order, with when it arrived.
 */
final class TopicLog implements TopicListener {

    /**
     * One message: a snapshot holds several trade ids (the last ones up to its seq), data exactly one;
     * {@code received} is {@link System#nanoTime()} when the listener got it.
     */
    record Entry(boolean snapshot, String epoch, long seq, List<String> ids, long received) {
    }

    private final List<Entry> entries = new ArrayList<>();

    @Override
    public synchronized void onMessage(TopicMessage m) {
        List<String> ids = new ArrayList<>();
        if (m.isSnapshot()) {
            for (JsonNode t : m.data().path("trades")) {
                ids.add(t.path("id").asText());
            }
        } else {
            ids.add(m.data().path("id").asText());
        }
        entries.add(new Entry(m.isSnapshot(), m.epoch(), m.seq(), ids, System.nanoTime()));
    }

    synchronized List<Entry> entries() {
        return new ArrayList<>(entries);
    }

    /** The seq of the last message, 0 before any. */
    synchronized long last() {
        return entries.isEmpty() ? 0 : entries.get(entries.size() - 1).seq();
    }
}
