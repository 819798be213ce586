package io.tickgate.feed.venues.binance;

import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.MarketEvent;

/** Receives what {@link BinanceFrameDecoder} decodes. Called on the decoding thread, in frame order. */
public interface BinanceSink {

    /** A canonical event ready for the bus: Trade, Kline, Ticker, BookTop (bookTicker), BookSnapshot (partial depth). */
    void onEvent(MarketEvent event);

    /**
     * A diff-depth event ({@code depthUpdate}): {@code firstSequence} is {@code U}, {@code sequence} is {@code u}.
     * Not publishable on its own: hand it to the book sync.
     */
    void onDepthUpdate(BookDelta update);

    /** A control reply ({@code {"result":..,"id":..}}), an error, or {@code serverShutdown}. */
    default void onControl(BinanceControl control) {
    }
}
