package io.tickgate.simulator.instrument;

import io.tickgate.model.venue.Venue;

import io.tickgate.model.decimal.Decimal;

/**
 * One simulated instrument. Prices are integer ticks of {@code 10^-priceScale}, quantities integer lots of
 * {@code 10^-quantityScale}.
 *
 * @param venue         the venue that lists it
 * @param symbol        the venue's symbol ({@code BTCUSDT}, {@code BTC-USDT})
 * @param base          the base asset ({@code BTC})
 * @param quote         the quote asset ({@code USDT})
 * @param priceScale    decimals of a price (the tick size is {@code 10^-priceScale})
 * @param quantityScale decimals of a quantity
 * @param startTicks    the starting mid price in ticks
 * @param typicalLots   the typical size of a book level in lots (worth about 1,000 USD)
 */
public record Instrument(Venue venue, String symbol, String base, String quote, int priceScale, int quantityScale,
                         long startTicks, long typicalLots) {

    /** The source name ({@code binance}, {@code okx}). */
    public String source() {
        return venue.source();
    }

    /** A price in ticks as an exact decimal with this instrument's decimals. */
    public Decimal price(long ticks) {
        return Decimal.of(ticks, priceScale);
    }

    /** A quantity in lots as an exact decimal with this instrument's decimals. */
    public Decimal quantity(long lots) {
        return Decimal.of(lots, quantityScale);
    }

    /** The tick size as a decimal, e.g. {@code 0.01}. */
    public Decimal tickSize() {
        return Decimal.of(1, priceScale);
    }
}
