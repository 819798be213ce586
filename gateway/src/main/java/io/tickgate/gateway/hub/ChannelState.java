package io.tickgate.gateway.hub;

import io.tickgate.gateway.codec.DataWriter;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.topic.Channel;

/** The state a new subscriber gets as its snapshot, per channel kind. Owned by one shard thread. */
interface ChannelState {

    /** Folds a live event into the state. */
    void apply(MarketEvent event);

    /** The snapshot's {@code data} object. */
    DataWriter snapshot();

    /** The state kept for a channel: the book, the last value, or the last trades. */
    static ChannelState forChannel(Channel channel, String source, String symbol, int tradeSnapshotSize,
                                   int bookDepth) {
        switch (channel) {
            case BOOK:
                return new BookState(source, symbol, bookDepth);
            case TRADE:
            case AGG_TRADE:
                return new TradeHistoryState(tradeSnapshotSize);
            default:
                return new LastValueState();
        }
    }
}
