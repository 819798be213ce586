package io.tickgate.feed.venues.okx;

import io.tickgate.model.event.MarketEvent;

/** Receives what {@link OkxFrameDecoder} decodes. Called on the decoding thread, in frame order. */
public interface OkxSink {

    /** A canonical event ready for the bus: Trade, Ticker, Kline, BookSnapshot (books5), BookTop (bbo-tbt). */
    void onEvent(MarketEvent event);

    /** A {@code books} snapshot or update: hand it to the book sync. */
    void onBook(OkxBookMessage book);

    /** An event ack, error, notice or {@code pong}. */
    default void onControl(OkxControl control) {
    }
}
