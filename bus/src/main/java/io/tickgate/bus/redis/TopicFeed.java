package io.tickgate.bus.redis;

import io.tickgate.bus.api.Envelope;
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

    /** An image for a sink. Returns true when the sink needs another image (the buffered envelopes broke off). */
    synchronized boolean onImage(Sink s, TopicImage image) {
        if (s.closed) {
            return false;
        }
        s.requested = false;
        s.imaging = false;
        s.listener.onImage(image);
        s.epoch = image.epoch();
        s.seq = image.seq();
        List<Envelope> buffered = s.buffer;
        s.buffer = new ArrayList<>();
        boolean again = false;
        for (Envelope e : buffered) {
            if (again) {
                buffer(s, e);
                continue;
            }
            if (image.epoch() != null && !e.epoch().equals(image.epoch())) {
                continue; // an older epoch's message, read before the image
            }
            if (image.epoch() != null && e.seq() <= image.seq()) {
                continue; // already in the image
            }
            again = !deliver(s, e);
        }
        return again;
    }

    /** Image failed: the sink may be requested again. */
    synchronized void imageFailed(Sink s) {
        s.requested = false;
    }

    /** Delivers to a live sink; false (and the envelope buffered, the sink imaging) when it does not follow. */
    private boolean deliver(Sink s, Envelope e) {
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
