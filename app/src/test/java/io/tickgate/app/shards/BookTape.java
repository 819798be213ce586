package io.tickgate.app.shards;

import io.tickgate.bus.api.Envelope;
import io.tickgate.bus.api.TopicImage;
import io.tickgate.bus.api.TopicListener;
import io.tickgate.model.book.OrderBook;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.topic.Topic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per book topic, the book a subscriber builds from the image and the envelopes (snapshots, deltas), its top levels
 * at each of the last venue update ids, and what arrived first after {@link #mark}: the kind of event and whether its
 * seq followed the last one before in the same epoch. Any thread.
 */
final class BookTape implements TopicListener {

    static final int DEPTH = 10;
    private static final int KEPT = 500;

    private final Map<Topic, OrderBook> books = new HashMap<>();
    private final Map<Topic, Map<Long, String>> tops = new HashMap<>();
    private final Map<Topic, Envelope> lastBefore = new HashMap<>();
    private final Map<Topic, String> firstAfter = new HashMap<>();
    private boolean marked;

    @Override
    public synchronized void onImage(TopicImage image) {
        OrderBook book = new OrderBook(image.topic().source(), image.topic().symbol());
        for (MarketEvent ev : image.events()) {
            if (ev instanceof BookSnapshot s) {
                book.replace(s);
            } else if (ev instanceof BookDelta d) {
                book.apply(d);
            }
        }
        books.put(image.topic(), book);
    }

    @Override
    public synchronized void onEnvelope(Envelope e) {
        MarketEvent ev = e.event();
        OrderBook book = books.computeIfAbsent(e.topic(), t -> new OrderBook(t.source(), t.symbol()));
        if (ev instanceof BookSnapshot s) {
            book.replace(s);
        } else if (ev instanceof BookDelta d) {
            book.apply(d);
        } else {
            return;
        }
        Map<Long, String> kept = tops.computeIfAbsent(e.topic(), t -> new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
                return size() > KEPT;
            }
        });
        kept.put(book.sequence(), top(book));
        if (!marked) {
            lastBefore.put(e.topic(), e);
        } else if (!firstAfter.containsKey(e.topic())) {
            Envelope before = lastBefore.get(e.topic());
            boolean follows = before != null && before.epoch().equals(e.epoch()) && e.seq() == before.seq() + 1;
            firstAfter.put(e.topic(), ev.getClass().getSimpleName() + (follows ? " at the next seq" : " after "
                    + (before == null ? "nothing" : before.epoch() + "/" + before.seq()) + ": " + e.epoch() + "/"
                    + e.seq()));
        }
    }

    /** From now on, the first envelope of each topic is noted. */
    synchronized void mark() {
        marked = true;
    }

    /** Per topic that had an envelope before {@link #mark} and one after: what the first after was. */
    synchronized Map<Topic, String> firstAfterMark() {
        return Map.copyOf(firstAfter);
    }

    /** Topics that had an envelope before {@link #mark}. */
    synchronized List<Topic> topicsBeforeMark() {
        return new ArrayList<>(lastBefore.keySet());
    }

    /** The subscriber's top levels of {@code topic} at venue update id {@code sequence}, null if not (yet) seen. */
    synchronized String topAt(Topic topic, long sequence) {
        Map<Long, String> kept = tops.get(topic);
        return kept == null ? null : kept.get(sequence);
    }

    /** A book's top {@link #DEPTH} levels per side as text. */
    static String top(OrderBook book) {
        return book.bids(DEPTH) + " / " + book.asks(DEPTH);
    }
}
