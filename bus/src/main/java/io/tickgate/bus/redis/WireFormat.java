package io.tickgate.bus.redis;

import io.tickgate.bus.api.Envelope;
import io.tickgate.bus.codec.EventCodec;
import io.tickgate.model.topic.Topic;

/**
 * The strings around an encoded event in Redis: a live message {@code seq|epoch|event} (a channel message carries
 * one or more, one per line) and a stored entry {@code seq|event} (state keys); the event is {@link EventCodec}'s
 * encoding, which has no line break.
 */
final class WireFormat {

    private WireFormat() {
    }

    /** A live message from a topic channel, as an envelope. */
    static Envelope message(Topic topic, String message) {
        int a = message.indexOf('|');
        int b = a < 0 ? -1 : message.indexOf('|', a + 1);
        if (a <= 0 || b <= a + 1) {
            throw new IllegalArgumentException("bad live message on " + topic + ": "
                    + message.substring(0, Math.min(80, message.length())));
        }
        long seq = Long.parseLong(message, 0, a, 10);
        return envelope(topic, message.substring(a + 1, b), seq, message.substring(b + 1));
    }

    /** An envelope of {@code topic} from its parts. */
    static Envelope envelope(Topic topic, String epoch, long seq, String body) {
        EventCodec.Decoded d = EventCodec.decode(topic, body);
        return new Envelope(topic, epoch, seq, d.ingestTime(), localNanos(d.ingestTime()), d.event());
    }

    /** A stored {@code seq|event} entry's event and ingest time. */
    static EventCodec.Decoded entry(Topic topic, String entry) {
        return EventCodec.decode(topic, entryBody(entry));
    }

    /** The seq of a stored {@code seq|event} entry. */
    static long entrySeq(String entry) {
        int a = entry.indexOf('|');
        return Long.parseLong(entry, 0, a, 10);
    }

    private static String entryBody(String entry) {
        int a = entry.indexOf('|');
        if (a <= 0) {
            throw new IllegalArgumentException("bad stored entry: " + entry.substring(0, Math.min(80, entry.length())));
        }
        return entry.substring(a + 1);
    }

    /**
     * This node's {@link System#nanoTime()} for a wall-clock ingest time (possibly set on another node): the age by
     * the wall clock, taken back from now. Latency across nodes is then as good as their clocks agree.
     */
    static long localNanos(long ingestTimeMillis) {
        long age = Math.max(0, System.currentTimeMillis() - ingestTimeMillis);
        return System.nanoTime() - age * 1_000_000L;
    }
}
