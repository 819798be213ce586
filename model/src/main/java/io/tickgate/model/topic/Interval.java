package io.tickgate.model.topic;

/**
 * Kline (candle) intervals. Every candle starts at a multiple of its length since the Unix epoch, so candles are
 * aligned to UTC: 1h candles start on the hour, 4h candles at 00:00, 04:00, ... UTC, 1d candles at midnight UTC.
 */
public enum Interval {
    S1("1s", 1_000L),
    M1("1m", 60_000L),
    M5("5m", 300_000L),
    M15("15m", 900_000L),
    H1("1h", 3_600_000L),
    H4("4h", 14_400_000L),
    D1("1d", 86_400_000L);

    private final String label;
    private final long millis;

    Interval(String label, long millis) {
        this.label = label;
        this.millis = millis;
    }

    public String label() {
        return label;
    }

    public long millis() {
        return millis;
    }

    /** The start of the interval containing {@code epochMillis}. */
    public long floor(long epochMillis) {
        return Math.floorDiv(epochMillis, millis) * millis;
    }

    /** The interval with this label ({@code 1m}), or null. */
    public static Interval fromLabel(String label) {
        for (Interval i : values()) {
            if (i.label.equals(label)) {
                return i;
            }
        }
        return null;
    }
}
