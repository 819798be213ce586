package io.tickgate.model.event;

import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.topic.Channel;

/**
 * A 24-hour rolling ticker. Any field a venue does not send is null.
 */
public record Ticker(String source, String symbol, Decimal last, Decimal bid, Decimal bidQuantity, Decimal ask,
                     Decimal askQuantity, Decimal open, Decimal high, Decimal low, Decimal volume,
                     long timestamp) implements MarketEvent {

    @Override
    public Channel channel() {
        return Channel.TICKER;
    }
}
