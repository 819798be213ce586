package io.tickgate.bus.redis;

import io.tickgate.model.topic.Topic;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per topic, the epoch and the last seq Redis acknowledged to this publisher. Each call carries them (publish.lua):
 * Redis holding the same epoch with a lower seq lost writes it had acknowledged (restarted from an older RDB or an AOF
 * written every second, a replica promoted before it had the last writes), and its seqs from there on were handed
 * out already; the script then starts a new epoch instead of numbering other events with them, so a client resuming
 * at such a seq is told its history is gone rather than given other events as the ones it missed. Written by Redis
 * I/O threads (answers), read by the writer thread.
 */
final class AckedHeads {

    /** The acknowledged head of a topic. */
    record Head(String epoch, long seq) {
    }

    private final ConcurrentHashMap<Topic, Head> heads = new ConcurrentHashMap<>();

    /** Redis answered a call of {@code topic} that numbered events up to {@code seq} in {@code epoch}. */
    void acknowledged(Topic topic, String epoch, long seq) {
        heads.merge(topic, new Head(epoch, seq),
                (old, now) -> old.epoch().equals(now.epoch()) && old.seq() >= now.seq() ? old : now);
    }

    /** The topic's acknowledged head; null when none. */
    Head of(Topic topic) {
        return heads.get(topic);
    }
}
