package io.tickgate.gateway.hub;

import io.netty.buffer.ByteBuf;
import io.tickgate.model.topic.Topic;
import java.util.ArrayDeque;

/**
 * The recent messages of one topic, as the serialized frames that were fanned out, for {@code resume}. Bounded by
 * count and by age; the entries always hold consecutive seqs of the current epoch (a new epoch or a seq gap before
 * fan-out starts the history afresh). Owned by the topic's shard thread.
 */
final class TopicHistory {

    private record Entry(long seq, long nanos, ByteBuf frame) {
    }

    private final int maxSize;
    private final long maxAgeNanos;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final HistoryCounter counter;

    /** Told how many entries were added (positive) or removed (negative), for the history-size gauge. */
    @FunctionalInterface
    interface HistoryCounter {
        void add(long delta);
    }

    TopicHistory(int maxSize, long maxAgeNanos, HistoryCounter counter) {
        this.maxSize = maxSize;
        this.maxAgeNanos = maxAgeNanos;
        this.counter = counter;
    }

    /** Appends the frame of message {@code seq} (which must follow the last one); takes ownership of a retain. */
    void append(long seq, long nowNanos, ByteBuf frame) {
        if (maxSize == 0) {
            return;
        }
        if (!entries.isEmpty() && entries.peekLast().seq() + 1 != seq) {
            clear();
        }
        entries.addLast(new Entry(seq, nowNanos, frame.retain()));
        counter.add(1);
        while (entries.size() > maxSize) {
            removeFirst();
        }
        evictExpired(nowNanos);
    }

    /** Drops entries older than the age limit. */
    void evictExpired(long nowNanos) {
        while (!entries.isEmpty() && nowNanos - entries.peekFirst().nanos() > maxAgeNanos) {
            removeFirst();
        }
    }

    /**
     * True when every message after {@code afterSeq} up to {@code headSeq} (the topic's last seq) is held, i.e. a
     * client positioned at {@code afterSeq} can be brought up to date by replay alone.
     */
    boolean covers(long afterSeq, long headSeq) {
        if (afterSeq == headSeq) {
            return true;
        }
        if (afterSeq > headSeq || entries.isEmpty()) {
            return false;
        }
        return entries.peekFirst().seq() <= afterSeq + 1 && entries.peekLast().seq() == headSeq;
    }

    /**
     * Delivers every held message after {@code afterSeq}, in order.
     *
     * @return the number delivered, or -1 if the subscriber went away
     */
    int replay(Topic topic, long afterSeq, Subscriber s) {
        if (entries.isEmpty()) {
            return 0;
        }
        // seqs are consecutive: the first to replay is afterSeq + 1
        long skip = Math.max(0, afterSeq + 1 - entries.peekFirst().seq());
        int n = 0;
        long i = 0;
        for (Entry e : entries) {
            if (i++ < skip) {
                continue;
            }
            if (!s.deliverData(topic, e.frame().retainedDuplicate(), 0)) {
                return -1;
            }
            n++;
        }
        return n;
    }

    /** False when the limit is 0 messages (no history kept). */
    boolean enabled() {
        return maxSize > 0;
    }

    int size() {
        return entries.size();
    }

    /** Releases every entry. */
    void clear() {
        while (!entries.isEmpty()) {
            removeFirst();
        }
    }

    private void removeFirst() {
        entries.pollFirst().frame().release();
        counter.add(-1);
    }
}
