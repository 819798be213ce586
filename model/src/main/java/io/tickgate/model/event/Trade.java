package io.tickgate.model.event;

import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.topic.Channel;
import java.util.Objects;

/**
 * One executed trade. {@code tradeId} is the venue's id, unique per symbol among trades of the same kind:
 * {@code aggregated} trades (Binance {@code aggTrade}: the fills of one taker order at one price, summed) have an id
 * space of their own and are published on {@link Channel#AGG_TRADE}, raw trades on {@link Channel#TRADE}.
 */
public record Trade(String source, String symbol, String tradeId, Decimal price, Decimal quantity, Side side,
                    long timestamp, boolean aggregated) implements MarketEvent {

    public Trade {
        Objects.requireNonNull(tradeId, "tradeId");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(side, "side");
    }

    /** A raw (not aggregated) trade. */
    public Trade(String source, String symbol, String tradeId, Decimal price, Decimal quantity, Side side,
                 long timestamp) {
        this(source, symbol, tradeId, price, quantity, side, timestamp, false);
    }

    @Override
    public Channel channel() {
        return aggregated ? Channel.AGG_TRADE : Channel.TRADE;
    }
}
