package io.tickgate.model.event;

import io.tickgate.model.topic.Channel;
import java.util.List;

/**
 * Changed price levels of an order book; a level with size zero is removed. Applies on top of the book at
 * {@code firstSequence - 1} and leaves it at {@code sequence} (venue update ids; 0 when the venue has none).
 */
public record BookDelta(String source, String symbol, List<PriceLevel> bids, List<PriceLevel> asks,
                        long firstSequence, long sequence, long timestamp) implements MarketEvent {

    public BookDelta {
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
    }

    @Override
    public Channel channel() {
        return Channel.BOOK;
    }
}
