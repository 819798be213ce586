package io.tickgate.simulator.instrument;

/** A simulated venue: the source name used in topics and the way it spells symbols. */
public enum Venue {
    /** Binance spot: {@code BTCUSDT} (no separator; lowercase in stream names). */
    BINANCE("binance", ""),
    /** OKX v5: {@code BTC-USDT}. */
    OKX("okx", "-");

    private final String source;
    private final String separator;

    Venue(String source, String separator) {
        this.source = source;
        this.separator = separator;
    }

    /** The source name as used in topics and canonical events. */
    public String source() {
        return source;
    }

    /** The venue's symbol for a base and quote asset. */
    public String symbol(String base, String quote) {
        return base + separator + quote;
    }
}
