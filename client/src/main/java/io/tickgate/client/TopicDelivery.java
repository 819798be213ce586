package io.tickgate.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What reaches the listeners per topic, in seq order: a {@code snapshot} then {@code data} and {@code gap} messages,
 * each seq once (a seq not newer is a duplicate and dropped), with {@link ClientListener#onGap} where the seq or the
 * epoch jumps or a resume could not be served. Everything goes through the bounded listener queue; a message that
 * does not fit is refused whole (false), and the caller drops the connection (the overflow policy). Event loop only;
 * the counters are read from any thread.
 */
final class TopicDelivery {

    private final Map<String, TopicSubscription> subscriptions;
    private final ListenerQueue queue;
    private final ClientListener listener;
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong gaps = new AtomicLong();
    final AtomicLong messages = new AtomicLong();

    TopicDelivery(Map<String, TopicSubscription> subscriptions, ListenerQueue queue, ClientListener listener) {
        this.subscriptions = subscriptions;
        this.queue = queue;
        this.listener = listener;
    }

    /** {@code subscribed}: a resume the server could not serve is a gap, and the position restarts at the snapshot. */
    boolean subscribed(JsonNode m) {
        TopicSubscription s = subscriptions.get(m.path("topic").asText());
        if (s == null || m.path("resumed").asBoolean(false) || s.epoch == null) {
            return true;
        }
        String epoch = m.path("epoch").asText();
        Gap gap = new Gap(s.topic, epoch.equals(s.epoch) ? Gap.Reason.HISTORY_EXCEEDED : Gap.Reason.EPOCH_CHANGED,
                s.epoch, s.seq, epoch, m.path("seq").asLong());
        if (!queue.offer(() -> listener.onGap(gap))) {
            return false;
        }
        gaps.incrementAndGet();
        s.epoch = null; // the snapshot that follows sets the new position
        s.seq = 0;
        return true;
    }

    /** {@code snapshot}, {@code data} or {@code gap}; false when the listener queue has no room for it. */
    boolean message(JsonNode m) {
        TopicSubscription s = subscriptions.get(m.path("topic").asText());
        if (s == null) {
            return true;
        }
        boolean snapshot = m.path("type").asText().equals("snapshot");
        String epoch = m.path("epoch").asText();
        long seq = m.path("seq").asLong();
        Gap gap = null;
        if (s.epoch != null && !snapshot) {
            if (!epoch.equals(s.epoch)) {
                gap = new Gap(s.topic, Gap.Reason.EPOCH_CHANGED, s.epoch, s.seq, epoch, seq);
            } else if (seq <= s.seq) {
                duplicates.incrementAndGet();
                return true;
            } else if (seq != s.seq + 1) {
                gap = new Gap(s.topic, Gap.Reason.SEQ_GAP, s.epoch, s.seq, epoch, seq);
            }
        }
        if (queue.remainingCapacity() < (gap == null ? 1 : 2)) {
            return false;
        }
        if (gap != null) {
            Gap g = gap;
            queue.offer(() -> listener.onGap(g));
            gaps.incrementAndGet();
        }
        if (m.path("type").asText().equals("gap")) {
            UpstreamGap upstream = UpstreamGap.of(m);
            queue.offer(() -> listener.onUpstreamGap(upstream));
        } else {
            TopicMessage msg = new TopicMessage(snapshot ? TopicMessage.Kind.SNAPSHOT : TopicMessage.Kind.DATA,
                    s.topic, epoch, seq, m.path("ts").asLong(0), m.path("data"));
            TopicListener l = s.listener;
            queue.offer(() -> l.onMessage(msg));
        }
        messages.incrementAndGet();
        s.epoch = epoch;
        s.seq = seq;
        return true;
    }
}
