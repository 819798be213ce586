package io.tickgate.bus.api;

import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.topic.Topic;
import java.util.List;

/**
 * A topic's state at {@code seq} of {@code epoch}, as the events to fold, in order, into empty channel state:
 * <ul>
 *   <li>book: a {@code BookSnapshot} (the last keyframe) then the {@code BookDelta}s after it, up to {@code seq};</li>
 *   <li>trade: the last trades (at most the engine's trade state size), oldest first;</li>
 *   <li>ticker, book.top, kline: the last value.</li>
 * </ul>
 * A topic never published has {@code epoch} null, {@code seq} 0 and no events; its first envelope follows.
 * {@code ingestTime} is when the message at {@code seq} was ingested (epoch ms; 0 when the engine does not know): the
 * time of the state, which a gateway gives a snapshot it serves from the image ({@code ts}).
 */
public record TopicImage(Topic topic, String epoch, long seq, List<MarketEvent> events, long ingestTime) {

    public TopicImage {
        events = List.copyOf(events);
    }

    /** An image whose ingest time is not known (0). */
    public TopicImage(Topic topic, String epoch, long seq, List<MarketEvent> events) {
        this(topic, epoch, seq, events, 0);
    }

    /** The image of a topic with no message yet. */
    public static TopicImage empty(Topic topic) {
        return new TopicImage(topic, null, 0, List.of());
    }

    /** True for a topic with no message yet. */
    public boolean isEmpty() {
        return seq == 0;
    }
}
