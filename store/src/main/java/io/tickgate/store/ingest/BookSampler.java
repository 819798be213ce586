package io.tickgate.store.ingest;

import io.tickgate.bus.api.Envelope;
import io.tickgate.bus.api.TopicImage;
import io.tickgate.bus.api.TopicListener;
import io.tickgate.model.book.OrderBook;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.topic.Topic;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Periodic book snapshots: keeps every book topic's book (from a full snapshot on, deltas folded in) and, on the
 * first update after each {@code intervalMillis} boundary of the wall clock, hands its top {@code levels} per side to
 * {@code sink}. A book that does not change gets no new snapshot; a book whose start this node did not see (no full
 * snapshot and no image yet) gets none until one arrives. Called on the broker's delivery threads, one topic never
 * concurrently, so each book has one writer at a time.
 */
public final class BookSampler implements TopicListener {

    /** One topic's book and when it is next due. */
    private static final class Sampled {
        final OrderBook book;
        boolean synced;
        long due;

        Sampled(Topic topic) {
            this.book = new OrderBook(topic.source(), topic.symbol());
        }
    }

    private final int levels;
    private final long intervalMillis;
    private final Consumer<BookSnapshot> sink;
    private final LongSupplier clock;
    private final Map<Topic, Sampled> books = new ConcurrentHashMap<>();

    public BookSampler(int levels, long intervalMillis, Consumer<BookSnapshot> sink, LongSupplier clock) {
        this.levels = levels;
        this.intervalMillis = intervalMillis;
        this.sink = sink;
        this.clock = clock;
    }

    @Override
    public void onImage(TopicImage image) {
        Sampled s = books.computeIfAbsent(image.topic(), Sampled::new);
        s.book.clear();
        s.synced = false;
        for (MarketEvent e : image.events()) {
            fold(s, e);
        }
    }

    @Override
    public void onEnvelope(Envelope envelope) {
        event(envelope.topic(), envelope.event());
    }

    /** One event of a book topic (others are ignored). */
    void event(Topic topic, MarketEvent e) {
        if (!(e instanceof BookSnapshot) && !(e instanceof BookDelta)) {
            return;
        }
        Sampled s = books.computeIfAbsent(topic, Sampled::new);
        fold(s, e);
        long now = clock.getAsLong();
        if (s.synced && now >= s.due) {
            s.due = (now / intervalMillis + 1) * intervalMillis;
            sink.accept(s.book.snapshot(levels));
        }
    }

    private static void fold(Sampled s, MarketEvent e) {
        if (e instanceof BookSnapshot snap) {
            s.book.replace(snap);
            s.synced = true;
        } else if (e instanceof BookDelta d && s.synced) {
            s.book.apply(d);
        }
    }
}
