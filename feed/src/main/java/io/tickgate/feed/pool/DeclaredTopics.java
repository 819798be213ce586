package io.tickgate.feed.pool;

import io.tickgate.feed.pipeline.ProcessorConfig;
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

    /** Every topic {@code config} will publish on. */
    public static Set<Topic> of(PoolConfig config) {
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        for (String c : config.channels()) {
            channels.addAll(config.venue() == Venue.BINANCE ? binance(c) : okx(c));
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

    /** Binance stream suffixes ({@code <symbol>@<suffix>}). */
    static Set<Channel> binance(String suffix) {
        if (suffix.equals("trade") || suffix.equals("aggTrade")) {
            return tradesAndCandles();
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

    /** OKX public channels. */
    static Set<Channel> okx(String channel) {
        switch (channel) {
            case "trades":
            case "trades-all":
                return tradesAndCandles();
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

    /** Trades, and the candles the venue processor builds from them. */
    private static Set<Channel> tradesAndCandles() {
        Set<Channel> out = EnumSet.of(Channel.TRADE);
        for (Interval i : ProcessorConfig.defaults().klineIntervals()) {
            out.add(Channel.kline(i));
        }
        return out;
    }

    private static Set<Channel> kline(String label) {
        Interval i = Interval.fromLabel(label.toLowerCase(Locale.ROOT));
        return i == null || Channel.kline(i) == null ? EnumSet.noneOf(Channel.class) : EnumSet.of(Channel.kline(i));
    }
}
