package io.tickgate.processing.book;

import io.tickgate.model.book.OrderBook;
import java.util.List;

/**
 * A venue's order-book synchronization: the single writer of every book of one venue, called on its processing
 * thread only. It takes the venue's own book messages (Binance diff-depth updates, OKX {@code books} messages), keeps
 * each book in step with the venue and publishes snapshots, deltas and tops through the consumer it was built with.
 */
public interface BookSync {

    /**
     * A book message the venue's decoder produced, in the venue's own type.
     *
     * @throws IllegalArgumentException if the message is not of the type this venue's decoder produces
     */
    SyncStatus onMessage(Object message);

    /** Forgets a symbol's book (its data source changed, so the next message starts it over). */
    void reset(String symbol);

    /** Symbols with a book (synced or not). */
    List<String> symbols();

    /** True when the symbol's book is in step with the venue. */
    boolean isSynced(String symbol);

    /** The symbol's book, or null if it has none; read it on the sync's thread only. */
    OrderBook book(String symbol);
}
