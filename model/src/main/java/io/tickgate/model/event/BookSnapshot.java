package io.tickgate.model.event;

import io.tickgate.model.topic.Channel;
import java.util.List;

/**
 * A full order book: bids best (highest) first, asks best (lowest) first. {@code sequence} is the venue's update id
 * the book is consistent with (Binance {@code lastUpdateId}, OKX {@code seqId}), or 0 when the venue has none.
 */
public record BookSnapshot(String source, String symbol, List<PriceLevel> bids, List<PriceLevel> asks,
                           long sequence, long timestamp) implements MarketEvent {

    public BookSnapshot {
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
    }

    @Override
    public Channel channel() {
        return Channel.BOOK;
    }
}
