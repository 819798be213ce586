package io.tickgate.model.event;

import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.topic.Channel;

/** Best bid and best ask; a side with no level is null. */
public record BookTop(String source, String symbol, Decimal bid, Decimal bidQuantity, Decimal ask,
                      Decimal askQuantity, long timestamp) implements MarketEvent {

    @Override
    public Channel channel() {
        return Channel.BOOK_TOP;
    }
}
