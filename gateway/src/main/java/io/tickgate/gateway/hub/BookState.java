package io.tickgate.gateway.hub;

import io.tickgate.gateway.codec.DataWriter;
import io.tickgate.gateway.codec.EventJsonWriter;
import io.tickgate.model.book.OrderBook;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.MarketEvent;

/** A book topic's state: the order book rebuilt from snapshots and deltas; its snapshot is the full book. */
final class BookState implements ChannelState {

    private final OrderBook book;
    private final int depth;

    BookState(String source, String symbol, int depth) {
        this.book = new OrderBook(source, symbol);
        this.depth = depth;
    }

    @Override
    public void apply(MarketEvent event) {
        if (event instanceof BookSnapshot s) {
            book.replace(s);
        } else if (event instanceof BookDelta d) {
            book.apply(d);
        }
    }

    @Override
    public DataWriter snapshot() {
        BookSnapshot s = book.snapshot(depth);
        return g -> EventJsonWriter.book(g, s.bids(), s.asks(), s.timestamp());
    }
}
