package io.tickgate.store.ingest;

import io.tickgate.bus.api.Broker;
import io.tickgate.bus.api.Envelope;
import io.tickgate.bus.api.EnvelopeListener;
import io.tickgate.bus.api.Subscription;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.TopicPattern;
import io.tickgate.store.writer.StoreWriter;

/**
 * Listens to every topic of a broker and feeds the store: trades (raw and aggregated), closed candles and, when
 * configured, periodic book snapshots ({@link BookSampler}) go to the writer's bounded queue, every candle updates
 * {@link OpenCandles}. Runs on the broker's delivery thread and only
 * enqueues, so a slow or absent database never slows the feed. While not {@link #storing} (another node writes the
 * shared store) it keeps only the open candles.
 */
public final class HistoryIngest implements EnvelopeListener, AutoCloseable {

    private final StoreWriter writer;
    private final OpenCandles openCandles;
    private final BookSampler books;
    private volatile boolean booksByPattern;
    private Subscription subscription;
    private Subscription bookSubscription;
    private volatile boolean storing = true;

    public HistoryIngest(StoreWriter writer, OpenCandles openCandles) {
        this(writer, openCandles, 0, 0);
    }

    /**
     * With periodic book snapshots: the top {@code bookLevels} levels of every book every {@code bookIntervalMillis}
     * (0: none).
     */
    public HistoryIngest(StoreWriter writer, OpenCandles openCandles, int bookLevels, long bookIntervalMillis) {
        this.writer = writer;
        this.openCandles = openCandles;
        this.books = bookIntervalMillis <= 0 ? null : new BookSampler(bookLevels, bookIntervalMillis, b -> {
            if (storing) {
                writer.offer(b);
            }
        }, System::currentTimeMillis);
    }

    /**
     * Starts listening to {@code broker}; returns this. Books, when sampled, come from a subscription to every book
     * topic where the engine offers one (it starts each book from the topic's image, so a node started after the
     * feeds has whole books), else from the firehose (from each book's next full snapshot on).
     */
    public HistoryIngest subscribe(Broker broker) {
        if (books != null) {
            booksByPattern = true;
            try {
                bookSubscription = broker.subscribe(TopicPattern.parse("*.*.book"), books);
            } catch (UnsupportedOperationException e) {
                booksByPattern = false;
            }
        }
        subscription = broker.subscribe(this);
        return this;
    }

    /** Whether rows go to the writer (true from the start); the open candles are kept either way. */
    public void storing(boolean on) {
        storing = on;
    }

    public boolean storing() {
        return storing;
    }

    @Override
    public void onEnvelope(Envelope envelope) {
        if (envelope.event() instanceof Trade t) {
            if (storing) {
                writer.offer(t);
            }
        } else if (envelope.event() instanceof Kline k) {
            openCandles.update(envelope.topic(), k);
            if (k.closed() && storing) {
                writer.offer(k);
            }
        } else if (books != null && !booksByPattern) {
            books.event(envelope.topic(), envelope.event());
        }
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
        if (bookSubscription != null) {
            bookSubscription.close();
        }
    }
}
