package io.tickgate.bus.state;

import io.tickgate.model.book.OrderBook;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.topic.Topic;
import java.util.List;

/** A book topic's state: the full order book from snapshots and deltas; its image is one full BookSnapshot. */
public final class BookKeeper implements StateKeeper {

    private final OrderBook book;
    private boolean seen;

    public BookKeeper(Topic topic) {
        this.book = new OrderBook(topic.source(), topic.symbol());
    }

    @Override
    public void apply(MarketEvent event) {
        if (event instanceof BookSnapshot s) {
            book.replace(s);
            seen = true;
        } else if (event instanceof BookDelta d) {
            book.apply(d);
            seen = true;
        }
    }

    /** The whole book (every level) as a snapshot: a keyframe. */
    public BookSnapshot keyframe() {
        return book.snapshot(Integer.MAX_VALUE);
    }

    @Override
    public List<MarketEvent> image() {
        return seen ? List.of(keyframe()) : List.of();
    }
}
