package io.tickgate.feed.pool;

import io.tickgate.feed.venue.Venue;
import io.tickgate.model.topic.Channel;
import io.tickgate.model.topic.Interval;
import io.tickgate.model.topic.Topic;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The topics a pool's configuration will publish (venue × symbol × the topic channels of each venue channel), known
 * before anything arrives, so the gateway can accept subscriptions to them from start-up. A venue channel the
 * decoders do not support declares nothing.
 */
public final class DeclaredTopics {

    private DeclaredTopics() {
    }

    /**
     * The candle intervals the venue processor builds from trades: the configured {@link PoolConfig#klineIntervals()}
     * when a trade channel is subscribed (Binance {@code trade}/{@code aggTrade}, OKX {@code trades}/{@code
     * trades-all}), else none (the venue's own candle streams, if any, then pass through).
     */
    public static Set<Interval> builtIntervals(PoolConfig config) {
        for (String c : config.channels()) {
            if (config.venue() == Venue.BINANCE ? c.equals("trade") || c.equals("aggTrade")
                    : c.equals("trades") || c.equals("trades-all")) {
                return config.klineIntervals();
            }
        }
        return Set.of();
    }

    /**
     * The trades candles are built from: raw trades ({@link Channel#TRADE}) unless the pool subscribes only Binance's
     * aggregated trades ({@code aggTrade} without {@code trade}): then {@link Channel#AGG_TRADE}. One kind only, so
     * a trade's volume is never counted twice.
     */
    public static Channel candleSource(PoolConfig config) {
        return config.venue() == Venue.BINANCE && config.channels().contains("aggTrade")
                && !config.channels().contains("trade") ? Channel.AGG_TRADE : Channel.TRADE;
    }

    /** Every topic {@code config} will publish on. */
    public static Set<Topic> of(PoolConfig config) {
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        for (String c : config.channels()) {
            channels.addAll(config.venue() == Venue.BINANCE ? binance(c, builtIntervals(config))
                    : okx(c, builtIntervals(config)));
        }
        Set<Topic> out = new LinkedHashSet<>();
        for (String symbol : config.symbols()) {
            String s = config.venue() == Venue.BINANCE ? symbol.toUpperCase(Locale.ROOT) : symbol;
            if (!Topic.isSymbol(s)) {
                continue;
            }
            for (Channel c : channels) {
                out.add(Topic.of(config.venue().source(), s, c));
            }
        }
        return out;
    }

    /** Binance stream suffixes ({@code <symbol>@<suffix>}); {@code built}: the candle intervals built from trades. */
    static Set<Channel> binance(String suffix, Set<Interval> built) {
        if (suffix.equals("trade")) {
            return tradesAndCandles(Channel.TRADE, built);
        }
        if (suffix.equals("aggTrade")) {
            // candles come from raw trades when both are subscribed (builtIntervals/candleSource decide; the
            // candle topics are the same either way)
            return tradesAndCandles(Channel.AGG_TRADE, built);
        }
        if (suffix.startsWith("depth")) {
            return EnumSet.of(Channel.BOOK, Channel.BOOK_TOP);
        }
        if (suffix.equals("bookTicker")) {
            return EnumSet.of(Channel.BOOK_TOP);
        }
        if (suffix.equals("ticker")) {
            return EnumSet.of(Channel.TICKER);
        }
        if (suffix.startsWith("kline_")) {
            return kline(suffix.substring("kline_".length()));
        }
        return EnumSet.noneOf(Channel.class);
    }

    /** OKX public channels; {@code built}: the candle intervals built from trades. */
    static Set<Channel> okx(String channel, Set<Interval> built) {
        switch (channel) {
            case "trades":
            case "trades-all":
                return tradesAndCandles(Channel.TRADE, built);
            case "books":
            case "books-l2-tbt":
            case "books50-l2-tbt":
                return EnumSet.of(Channel.BOOK, Channel.BOOK_TOP);
            case "books5":
                return EnumSet.of(Channel.BOOK);
            case "bbo-tbt":
                return EnumSet.of(Channel.BOOK_TOP);
            case "tickers":
                return EnumSet.of(Channel.TICKER);
            default:
                return channel.startsWith("candle") ? kline(channel.substring("candle".length()))
                        : EnumSet.noneOf(Channel.class);
        }
    }

    /** A trade channel, and the candles the venue processor builds from trades. */
    private static Set<Channel> tradesAndCandles(Channel trades, Set<Interval> built) {
        Set<Channel> out = EnumSet.of(trades);
        for (Interval i : built) {
            out.add(Channel.kline(i));
        }
        return out;
    }

    /**
     * The venue's own candle stream of an interval. When candles of that interval are also built from trades, the
     * processor publishes the built ones on the topic and drops the venue's.
     */
    private static Set<Channel> kline(String label) {
        Interval i = Interval.fromLabel(label.toLowerCase(Locale.ROOT));
        return i == null || Channel.kline(i) == null ? EnumSet.noneOf(Channel.class) : EnumSet.of(Channel.kline(i));
    }
}
