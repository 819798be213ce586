package io.tickgate.model.event;

import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.topic.Channel;
import java.util.Objects;

/** One executed trade. {@code tradeId} is the venue's id, unique per symbol. */
public record Trade(String source, String symbol, String tradeId, Decimal price, Decimal quantity, Side side,
                    long timestamp) implements MarketEvent {

    public Trade {
        Objects.requireNonNull(tradeId, "tradeId");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(side, "side");
    }

    @Override
    public Channel channel() {
        return Channel.TRADE;
    }
}
