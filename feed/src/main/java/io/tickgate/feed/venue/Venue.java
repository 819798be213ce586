package io.tickgate.feed.venue;

import java.util.Locale;

/** The upstream venues the feed pool connects to. */
public enum Venue {
    /** Binance spot. */
    BINANCE,
    /** OKX v5 public. */
    OKX;

    /** The topic source name: {@code binance}, {@code okx}. */
    public String source() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code binance} / {@code okx}, case-insensitive. */
    public static Venue parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown venue \"" + name + "\" (binance or okx)", e);
        }
    }
}
