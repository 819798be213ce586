package io.tickgate.gateway.hub;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tickgate.gateway.codec.TextFrameHeader;
import io.tickgate.model.topic.Topic;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The recent messages of one topic, as the serialized frames that were fanned out, for {@code resume}. Bounded by
 * count and by age; the entries always hold consecutive seqs of the current epoch (a new epoch or a seq gap before
 * fan-out starts the history afresh). Owned by the topic's shard thread.
 *
 * <p>Kept compact for the garbage collector: a message's bytes (after a WebSocket text frame header) are copied
 * back to back into a few direct buffers ({@link Segment}s, 1 KiB growing to 64 KiB), and its time, place and length
 * go into primitive rings. Holding 10,000 messages per topic then costs the heap a handful of objects instead of two
 * per message (an entry and a pooled buffer), which young collections had to copy again and again while the messages
 * aged out (pauses of 25–150 ms at 20,000 messages/s on two cores). A replayed message is a duplicate of its segment
 * (own indices, one more reference), so the segment outlives the history's hold on it while a replay is written.
 */
final class TopicHistory {

    private static final int FIRST_SEGMENT_BYTES = 1024;
    static final int MAX_SEGMENT_BYTES = 64 * 1024;
    private static final int FIRST_CAPACITY = 16;

    /** Frames of consecutive messages, back to back; {@code count} written into it, {@code evicted} of them gone. */
    private static final class Segment {
        final ByteBuf bytes;
        int count;
        int evicted;

        Segment(ByteBuf bytes) {
            this.bytes = bytes;
        }
    }

    private final int maxSize;
    private final long maxAgeNanos;
    private final HistoryCounter counter;
    private final ArrayDeque<Segment> segments = new ArrayDeque<>();
    /** Per message, in a ring from {@code head}: append time, payload offset in its segment, payload length. */
    private long[] nanos = new long[0];
    private int[] offsets = new int[0];
    private int[] lengths = new int[0];
    private int head;
    private int size;
    private long firstSeq;
    private int nextSegmentBytes = FIRST_SEGMENT_BYTES;

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

    /** Appends a copy of the frame of message {@code seq} (which must follow the last one); {@code frame} untouched. */
    void append(long seq, long nowNanos, ByteBuf frame) {
        if (maxSize == 0) {
            return;
        }
        if (size > 0 && firstSeq + size != seq) {
            clear();
        }
        if (size == maxSize) {
            removeFirst();
        }
        // every message is kept pre-framed (its text frame header in front), framed by the encoder or not: a replay
        // then goes out as shared bytes, and the bytes before a replayed message are always its own header
        int length = frame.readableBytes();
        Segment tail = segmentFor(TextFrameHeader.length(length) + length);
        ByteBuf bytes = tail.bytes;
        TextFrameHeader.append(bytes, length);
        int offset = bytes.writerIndex();
        bytes.writeBytes(frame, frame.readerIndex(), length);
        tail.count++;
        if (size == nanos.length) {
            grow();
        }
        int i = index(size);
        nanos[i] = nowNanos;
        offsets[i] = offset;
        lengths[i] = length;
        if (size++ == 0) {
            firstSeq = seq;
        }
        counter.add(1);
        evictExpired(nowNanos);
    }

    /** The last segment when {@code n} more bytes fit in it, else a new one. */
    private Segment segmentFor(int n) {
        Segment tail = segments.peekLast();
        if (tail != null && tail.bytes.writableBytes() >= n) {
            return tail;
        }
        int capacity = Math.max(n, nextSegmentBytes);
        nextSegmentBytes = Math.min(MAX_SEGMENT_BYTES, nextSegmentBytes * 2);
        Segment s = new Segment(ByteBufAllocator.DEFAULT.directBuffer(capacity, capacity));
        segments.addLast(s);
        return s;
    }

    private int index(int k) {
        int i = head + k;
        return i < nanos.length ? i : i - nanos.length;
    }

    private void grow() {
        int capacity = Math.min(maxSize, Math.max(FIRST_CAPACITY, nanos.length * 2));
        long[] n = new long[capacity];
        int[] o = new int[capacity];
        int[] l = new int[capacity];
        for (int k = 0; k < size; k++) {
            int i = index(k);
            n[k] = nanos[i];
            o[k] = offsets[i];
            l[k] = lengths[i];
        }
        nanos = n;
        offsets = o;
        lengths = l;
        head = 0;
    }

    /** Drops entries older than the age limit. */
    void evictExpired(long nowNanos) {
        while (size > 0 && nowNanos - nanos[head] > maxAgeNanos) {
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
        if (afterSeq > headSeq || size == 0) {
            return false;
        }
        return firstSeq <= afterSeq + 1 && firstSeq + size - 1 == headSeq;
    }

    /**
     * Delivers every held message after {@code afterSeq}, in order.
     *
     * @return the number delivered, or -1 if the subscriber went away
     */
    int replay(Topic topic, long afterSeq, Subscriber s) {
        if (size == 0) {
            return 0;
        }
        // seqs are consecutive: the first to replay is afterSeq + 1
        long skip = Math.max(0, afterSeq + 1 - firstSeq);
        Iterator<Segment> it = segments.iterator();
        Segment segment = it.next();
        int left = segment.count - segment.evicted;
        int n = 0;
        for (int k = 0; k < size; k++) {
            while (left == 0) {
                segment = it.next();
                left = segment.count;
            }
            left--;
            if (k < skip) {
                continue;
            }
            int i = index(k);
            ByteBuf frame = segment.bytes.retainedDuplicate();
            frame.setIndex(offsets[i], offsets[i] + lengths[i]);
            if (!s.deliverData(topic, frame, 0)) {
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
        return size;
    }

    /** The oldest seq held; meaningful while {@link #size()} is above 0. */
    long firstSeq() {
        return firstSeq;
    }

    /** Direct bytes held in segments (written, evicted ones included until their segment goes): for tests. */
    int segmentBytes() {
        int bytes = 0;
        for (Segment s : segments) {
            bytes += s.bytes.capacity();
        }
        return bytes;
    }

    /** Releases every entry. */
    void clear() {
        if (size > 0) {
            counter.add(-size);
        }
        size = 0;
        head = 0;
        Segment s;
        while ((s = segments.pollFirst()) != null) {
            s.bytes.release();
        }
    }

    private void removeFirst() {
        head = index(1);
        size--;
        firstSeq++;
        counter.add(-1);
        Segment first = segments.peekFirst();
        if (++first.evicted == first.count) {
            segments.pollFirst().bytes.release(); // its frames still being replayed hold their own references
        }
    }
}
