package io.tickgate.bus.redis;

import io.tickgate.bus.api.Envelope;
import io.tickgate.bus.api.History;
import io.tickgate.bus.api.TopicImage;
import io.tickgate.bus.api.TopicListener;
import io.tickgate.model.topic.Topic;
import java.util.ArrayList;
import java.util.List;

/**
 * One topic this node is subscribed to in Redis, and its local listeners ({@link Sink}s). Live messages arrive on a
 * Redis I/O thread, images on another; both run under this object's lock, so a sink's image and the envelopes after
 * it line up.
 *
 * <p>A sink that wants images starts "imaging": live envelopes are buffered until its image (read after the
 * subscription was confirmed) arrives; then the buffered envelopes with seq at or below the image's are dropped and
 * the rest delivered. An envelope that does not follow the last one (other epoch, seq not last + 1) puts the sink
 * back into imaging.
 *
 * <p>A sink that was live already (it has an epoch and a seq) is first offered the topic's history after its seq
 * instead of an image: when the history joins (same epoch, from its seq + 1), the missed envelopes are delivered in
 * order, then the buffered ones, and the listener never learns of the gap (a pub/sub reconnect, a message Redis
 * dropped). Only when the history cannot fill it (gone: trimmed, another epoch, a hole) does an image follow.
 */
final class TopicFeed {

    /** What a sink needs next: nothing, or an image request from the control thread. */
    interface ImageRequester {
        void request(TopicFeed feed, Sink sink);
    }

    /** One local listener of the topic. */
    static final class Sink {
        final TopicListener listener;
        final boolean images;
        boolean imaging;
        boolean requested;
        boolean closed;
        /** The history could not fill this sink's gap: the next request is an image. */
        boolean imageNext;
        String epoch;
        long seq;
        List<Envelope> buffer = new ArrayList<>();

        Sink(TopicListener listener, boolean images) {
            this.listener = listener;
            this.images = images;
            this.imaging = true;
        }
    }

    /** Envelopes buffered per sink while its image is read; past this the oldest are dropped (a resync follows). */
    private static final int MAX_BUFFER = 100_000;

    final Topic topic;
    final String channel;
    private final List<Sink> sinks = new ArrayList<>(1);
    /** The pub/sub connection (node) a SUBSCRIBE was sent on; null while not subscribed. */
    volatile String node;
    /** True once Redis confirmed the subscription on {@link #node}. */
    volatile boolean confirmed;

    TopicFeed(Topic topic, String channel) {
        this.topic = topic;
        this.channel = channel;
    }

    synchronized void add(Sink s) {
        sinks.add(s);
    }

    /** Removes a sink; true when none is left. */
    synchronized boolean remove(Sink s) {
        s.closed = true;
        sinks.remove(s);
        return sinks.isEmpty();
    }

    synchronized boolean isEmpty() {
        return sinks.isEmpty();
    }

    /**
     * The sinks whose image must be requested now (the subscription is confirmed): marks them requested. A sink that
     * wants no image goes live at once.
     */
    synchronized List<Sink> dueImages() {
        List<Sink> due = new ArrayList<>();
        if (!confirmed) {
            return due;
        }
        for (Sink s : sinks) {
            if (!s.imaging || s.requested) {
                continue;
            }
            if (!s.images) {
                s.imaging = false;
                List<Envelope> buffered = s.buffer;
                s.buffer = new ArrayList<>();
                for (Envelope e : buffered) {
                    s.listener.onEnvelope(e);
                }
                continue;
            }
            s.requested = true;
            due.add(s);
        }
        return due;
    }

    /** Every sink wants a fresh image (reconnect): back to imaging. */
    synchronized void resyncAll() {
        for (Sink s : sinks) {
            s.imaging = true;
            s.requested = false;
        }
    }

    /** A live envelope (Redis I/O thread). Returns the sinks that now need an image. */
    synchronized List<Sink> onEnvelope(Envelope e) {
        List<Sink> resync = null;
        for (Sink s : sinks) {
            if (s.imaging) {
                buffer(s, e);
            } else if (!deliver(s, e)) {
                if (resync == null) {
                    resync = new ArrayList<>(1);
                }
                resync.add(s);
            }
        }
        return resync == null ? List.of() : resync;
    }

    /** What an image did for a sink. */
    enum Imaged { DELIVERED, AGAIN, ROLLED_BACK }

    /**
     * An image for a sink: delivered ({@link Imaged#DELIVERED}, or {@link Imaged#AGAIN} when the buffered envelopes
     * broke off and the sink needs another image). An image of the sink's epoch below the seq it had is not
     * delivered ({@link Imaged#ROLLED_BACK}): Redis lost messages it had published (restarted from an older RDB or
     * AOF, a replica promoted before it had them), and the seqs after the image's would be handed out again under
     * that epoch, so to the listener and its clients a seq of the epoch would name two events. The caller retires the
     * epoch in Redis (retire.lua: as if Redis had restarted empty, so every node and publisher starts a new one) and
     * asks for an image again; the sink stays imaging meanwhile.
     */
    synchronized Imaged onImage(Sink s, TopicImage image) {
        if (s.closed) {
            return Imaged.DELIVERED;
        }
        s.requested = false;
        if (s.epoch != null && s.epoch.equals(image.epoch()) && image.seq() < s.seq) {
            s.imageNext = true;
            return Imaged.ROLLED_BACK;
        }
        s.imaging = false;
        s.imageNext = false;
        s.listener.onImage(image);
        s.epoch = image.epoch();
        s.seq = image.seq();
        return drainBuffer(s, image.epoch(), image.seq()) ? Imaged.AGAIN : Imaged.DELIVERED;
    }

    /**
     * Delivers the envelopes buffered while the sink waited, after its new position ({@code epoch} null: a topic with
     * nothing yet). Returns true when they broke off (the sink is imaging again).
     */
    private boolean drainBuffer(Sink s, String epoch, long seq) {
        List<Envelope> buffered = s.buffer;
        s.buffer = new ArrayList<>();
        boolean again = false;
        for (Envelope e : buffered) {
            if (again) {
                buffer(s, e);
                continue;
            }
            if (epoch != null && !e.epoch().equals(epoch)) {
                continue; // an older epoch's message, read before the image
            }
            if (epoch != null && e.seq() <= seq) {
                continue; // already in the image or the history
            }
            again = !deliver(s, e);
        }
        return again;
    }

    /** True when {@code s} was live (so its gap may be filled from the history rather than by an image). */
    synchronized boolean fillable(Sink s) {
        return s.images && s.epoch != null && !s.imageNext;
    }

    /** What a history answer did for a sink. */
    enum Fill { FILLED, AGAIN, IMAGE }

    /**
     * The topic's history after {@code s}'s seq: when it joins, the missed envelopes then the buffered ones are
     * delivered ({@link Fill#FILLED}, or {@link Fill#AGAIN} when the buffered ones broke off again); otherwise the
     * sink wants an image ({@link Fill#IMAGE}).
     */
    synchronized Fill onHistory(Sink s, History h) {
        if (s.closed) {
            return Fill.FILLED;
        }
        s.requested = false;
        if (h.gone() || s.epoch == null || !s.epoch.equals(h.epoch()) || h.headSeq() < s.seq) {
            s.imageNext = true;
            return Fill.IMAGE;
        }
        long expect = s.seq + 1;
        for (Envelope e : h.envelopes()) {
            if (e.seq() != expect++) {
                s.imageNext = true;
                return Fill.IMAGE;
            }
        }
        s.imaging = false;
        for (Envelope e : h.envelopes()) {
            s.seq = e.seq();
            s.listener.onEnvelope(e);
        }
        return drainBuffer(s, s.epoch, s.seq) ? Fill.AGAIN : Fill.FILLED;
    }

    /** Image failed: the sink may be requested again. */
    synchronized void imageFailed(Sink s) {
        s.requested = false;
    }

    /**
     * Delivers to a live sink; false (and the envelope buffered, the sink imaging) when it does not follow. An
     * envelope of the sink's epoch at or below its seq is one the image or the history already held, dropped: the
     * pub/sub connection and the one that read the image are two sockets, and a message published just before the
     * image was read can be read after it (seen as a second image and a reset of every client of a node in a busy
     * three-node run).
     */
    private boolean deliver(Sink s, Envelope e) {
        if (s.epoch != null && e.seq() <= s.seq && e.epoch().equals(s.epoch)) {
            return true;
        }
        boolean follows = s.epoch == null ? e.seq() == 1 : e.epoch().equals(s.epoch) && e.seq() == s.seq + 1;
        if (s.images && !follows) {
            s.imaging = true;
            s.requested = false;
            buffer(s, e);
            return false;
        }
        s.epoch = e.epoch();
        s.seq = e.seq();
        s.listener.onEnvelope(e);
        return true;
    }

    private static void buffer(Sink s, Envelope e) {
        if (s.buffer.size() >= MAX_BUFFER) {
            s.buffer.remove(0);
        }
        s.buffer.add(e);
    }
}
