package io.tickgate.simulator.venue.okx;

import java.util.Set;

/** The OKX channels the simulator serves, and which URL serves which. */
final class OkxChannels {

    static final String BOOKS = "books";
    static final String BOOKS5 = "books5";
    static final String BBO = "bbo-tbt";
    static final String TRADES = "trades";
    static final String TICKERS = "tickers";
    static final String CANDLE_1M = "candle1m";

    static final String PUBLIC_PATH = "/ws/v5/public";
    static final String BUSINESS_PATH = "/ws/v5/business";

    private static final Set<String> PUBLIC = Set.of(BOOKS, BOOKS5, BBO, TRADES, TICKERS);
    private static final Set<String> BUSINESS = Set.of(CANDLE_1M);

    private OkxChannels() {
    }

    /**
     * True if the channel is served on the given path. A channel of the other path is refused like an unknown one
     * (OKX: 60018 "Wrong URL or channel").
     */
    static boolean servedOn(String channel, boolean business) {
        return business ? BUSINESS.contains(channel) : PUBLIC.contains(channel);
    }

    /** The instrument of a subscription key ({@code trades:BTC-USDT} → {@code BTC-USDT}), or null. */
    static String instId(String key) {
        int colon = key.indexOf(':');
        return colon < 0 ? null : key.substring(colon + 1);
    }

    /** The subscription key of a channel and instrument. */
    static String key(String channel, String instId) {
        return channel + ':' + instId;
    }
}
