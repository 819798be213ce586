package io.tickgate.feed.pipeline;

import io.tickgate.model.event.MarketEvent;
import java.util.List;

/**
 * What connections hand to a venue's {@link VenueProcessor}: decoded data (tagged with the socket it came from) and
 * ownership markers that say which socket's data counts for a symbol. Markers travel in the same queue as data, so
 * a marker sent after a socket's last frame is processed after that frame.
 */
public sealed interface FeedItem {

    /** A canonical event (trade, ticker, top of book, partial depth), from socket {@code session}. */
    record Event(long session, MarketEvent event) implements FeedItem {
    }

    /**
     * A book message for the venue's {@link io.tickgate.processing.book.BookSync}, in the venue's own type (Binance:
     * a diff-depth update; OKX: a {@code books} message), from socket {@code session}.
     */
    record Book(long session, String symbol, Object message) implements FeedItem {
    }

    /**
     * Socket {@code session} now owns {@code symbols} (first connect or a reconnect: the data before it is gone, so
     * the symbols' books start over).
     */
    record Own(long session, List<String> symbols) implements FeedItem {
    }

    /**
     * Socket {@code session} subscribes {@code symbols} that another socket still delivers (make-before-break): its
     * data is held until the {@link Handoff}.
     */
    record Candidate(long session, List<String> symbols) implements FeedItem {
    }

    /**
     * Socket {@code from} has delivered its last data for {@code symbols} ({@code from} -1: whoever owns them); socket
     * {@code to} takes over: its held data is replayed, duplicates (trade ids, update ids) dropped.
     */
    record Handoff(long from, long to, List<String> symbols) implements FeedItem {
    }

    /** Work to run on the processing thread (snapshot completions). */
    record Task(Runnable task) implements FeedItem {
    }

    /** True for data, which the bounded queue may drop; markers and tasks are never dropped. */
    default boolean isData() {
        return this instanceof Event || this instanceof Book;
    }
}
