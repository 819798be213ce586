package io.tickgate.model.event;

import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.topic.Channel;
import java.util.Objects;

/**
 * One executed trade. {@code tradeId} is the venue's id, unique per symbol among trades of the same kind:
 * {@code aggregated} trades (Binance {@code aggTrade}: the fills of one taker order at one price, summed) have an id
 * space of their own and are published on {@link Channel#AGG_TRADE}, raw trades on {@link Channel#TRADE}.
 *
 * <p>{@code count} is how many consecutive venue trade ids the print stands for, ending at {@code tradeId}: OKX's
 * {@code trades} channel sends the matches of one taker order at one price as one print ({@code tradeId} = 123,
 * {@code count} = 3 covers ids 121..123), every other source 1. Id continuity (backfill, gap notices) counts the
 * whole span; the count is a venue-side fact and does not travel past the feed.
 */
public record Trade(String source, String symbol, String tradeId, Decimal price, Decimal quantity, Side side,
                    long timestamp, boolean aggregated, int count) implements MarketEvent {

    public Trade {
        Objects.requireNonNull(tradeId, "tradeId");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(side, "side");
        if (count < 1) {
            throw new IllegalArgumentException("a trade stands for at least one venue trade id, got count " + count);
        }
    }

    /** A print of one venue trade id. */
    public Trade(String source, String symbol, String tradeId, Decimal price, Decimal quantity, Side side,
                 long timestamp, boolean aggregated) {
        this(source, symbol, tradeId, price, quantity, side, timestamp, aggregated, 1);
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
