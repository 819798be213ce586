package io.tickgate.simulator.instrument;

/**
 * How a venue spells a pair: {@code BTCUSDT} on some venues, {@code BTC-USDT} on others. Each simulated venue gives
 * its own, so the catalog names no venue.
 */
@FunctionalInterface
public interface SymbolFormat {

    /** Base and quote written together ({@code BTCUSDT}). */
    SymbolFormat CONCATENATED = (base, quote) -> base + quote;

    /** The venue's symbol of a base and quote asset. */
    String symbol(String base, String quote);

    /** Base and quote with a separator between them ({@code BTC-USDT} for {@code "-"}). */
    static SymbolFormat separated(String separator) {
        return (base, quote) -> base + separator + quote;
    }
}
