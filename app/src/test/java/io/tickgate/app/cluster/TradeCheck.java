package io.tickgate.app.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one client's log of a trade topic must show across a takeover: one epoch, a snapshot first; every {@code data}
 * at the seq after the previous message's, a later snapshot (a node resynchronising from the broker) only further on;
 * and the venue trade ids one after another by exactly 1 from the first snapshot's last id: every trade once, in
 * order, none missing. {@link #agree} checks that every client saw the same trade at the same seq.
 */
final class TradeCheck {

    private TradeCheck() {
    }

    /** The problems in {@code log} (empty: none). */
    static List<String> problems(TopicLog log) {
        List<String> out = new ArrayList<>();
        List<TopicLog.Entry> entries = log.entries();
        if (entries.isEmpty() || !entries.get(0).snapshot()) {
            out.add("no snapshot first");
            return out;
        }
        String epoch = entries.get(0).epoch();
        long seq = -1;
        long lastId = -1;
        for (TopicLog.Entry e : entries) {
            if (!e.epoch().equals(epoch)) {
                out.add("epoch changed " + epoch + " -> " + e.epoch() + " at seq " + e.seq());
                return out;
            }
            if (seq != -1 && (e.snapshot() ? e.seq() <= seq : e.seq() != seq + 1)) {
                out.add((e.snapshot() ? "snapshot" : "data") + " at seq " + e.seq() + " after seq " + seq);
            }
            seq = Math.max(seq, e.seq());
            for (String idText : e.ids()) {
                long id = Long.parseLong(idText);
                if (e.snapshot() && lastId != -1 && id <= lastId) {
                    continue; // a later snapshot repeats trades already seen
                }
                if (lastId != -1 && id != lastId + 1) {
                    out.add("trade id " + id + " after " + lastId + " (seq " + e.seq() + ")");
                }
                lastId = id;
            }
            if (out.size() > 5) {
                break;
            }
        }
        return out;
    }

    /**
     * Adds the trade id {@code log} got at each data seq to {@code idAt}; a seq already there with another id is a
     * problem (two clients saw different trades at one seq).
     */
    static void agree(String topic, TopicLog log, Map<Long, String> idAt, List<String> problems) {
        for (TopicLog.Entry e : log.entries()) {
            if (!e.snapshot()) {
                String before = idAt.putIfAbsent(e.seq(), e.ids().get(0));
                if (before != null && !before.equals(e.ids().get(0))) {
                    problems.add(topic + " seq " + e.seq() + ": id " + e.ids().get(0) + " here, " + before + " elsewhere");
                }
            }
        }
    }

    /** How many trades {@code log} got as data. */
    static long dataCount(TopicLog log) {
        return log.entries().stream().filter(e -> !e.snapshot()).count();
    }
}
