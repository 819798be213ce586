package io.tickgate.feed.venue;

import io.tickgate.feed.json.DecodeStatus;
import io.tickgate.model.event.MarketEvent;

/**
 * A venue's frame decoder seen from outside the venue (replay): one text frame in, canonical events, book messages
 * for the venue's {@link io.tickgate.processing.book.BookSync} and control replies out. Never throws on bad input.
 */
public interface VenueDecoder {

    /** Decodes one frame into {@code sink}. */
    DecodeStatus decode(String frame, Sink sink);

    /** Where a decoded frame goes. */
    interface Sink {

        /** A canonical event (trade, ticker, top of book, candle, partial depth). */
        void onEvent(MarketEvent event);

        /** A book message for the venue's book sync, for {@code symbol}. */
        void onBook(String symbol, Object message);

        /** A control reply (subscription ack, pong, error). */
        void onControl(Object control);
    }
}
