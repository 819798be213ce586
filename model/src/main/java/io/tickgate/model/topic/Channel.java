package io.tickgate.model.topic;

import java.util.HashMap;
import java.util.Map;

/**
 * The channels of a topic. A <em>state</em> channel (book, ticker, book.top, kline) carries a value that newer
 * messages supersede, so it may be conflated under pressure; an <em>event</em> channel (trade, aggTrade) carries
 * facts that must each be delivered. {@code trade} carries the venue's raw trades; {@code aggTrade} carries trades
 * the venue aggregated (Binance {@code @aggTrade}: fills of one taker order at one price), which have ids of their
 * own and must not share a topic with raw trades.
 */
public enum Channel {
    TRADE("trade", false),
    AGG_TRADE("aggTrade", false),
    TICKER("ticker", true),
    BOOK("book", true),
    BOOK_TOP("book.top", true),
    KLINE_1S("kline.1s", true),
    KLINE_1M("kline.1m", true),
    KLINE_5M("kline.5m", true),
    KLINE_15M("kline.15m", true),
    KLINE_1H("kline.1h", true),
    KLINE_4H("kline.4h", true),
    KLINE_1D("kline.1d", true),
    /**
     * Messages that applications publish (not market data): {@code custom.<group>.<name>} and the personal
     * {@code user.<id>.inbox}; an event channel (every message delivered, never conflated), the snapshot is the
     * last message. The channel segment of such a topic is its name, not a channel's wire name (see
     * {@link Topic#isCustom()}).
     */
    CUSTOM("custom", false);

    private static final Map<String, Channel> BY_WIRE_NAME = new HashMap<>();

    static {
        for (Channel c : values()) {
            if (c == CUSTOM) {
                continue; // never a market topic's channel segment
            }
            BY_WIRE_NAME.put(c.wireName, c);
        }
    }

    private final String wireName;
    private final boolean state;

    Channel(String wireName, boolean state) {
        this.wireName = wireName;
        this.state = state;
    }

    /** The channel as it appears in a topic name, e.g. {@code kline.1m}. */
    public String wireName() {
        return wireName;
    }

    /** True for channels whose latest value supersedes earlier ones (conflatable). */
    public boolean isState() {
        return state;
    }

    /** True for the trade channels ({@code trade}, {@code aggTrade}): event channels whose snapshot is the last trades. */
    public boolean isTrade() {
        return this == TRADE || this == AGG_TRADE;
    }

    public boolean isKline() {
        return name().startsWith("KLINE_");
    }

    /** The channel for a wire name, or null if there is none. */
    public static Channel fromWireName(String wireName) {
        return BY_WIRE_NAME.get(wireName);
    }

    /** The kline channel for an interval. */
    public static Channel kline(Interval interval) {
        return fromWireName("kline." + interval.label());
    }
}
