package io.tickgate.feed.pool;

import io.tickgate.feed.venue.VenueAdapter;
import io.tickgate.feed.venue.Venues;
import io.tickgate.model.topic.Channel;
import io.tickgate.model.topic.Interval;
import io.tickgate.model.topic.Topic;
import java.util.EnumSet;
import java.util.LinkedHashSet;
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
     * when a trade channel is subscribed (one whose topics include {@link Channel#TRADE} or {@link Channel#AGG_TRADE}),
     * else none (the venue's own candle streams, if any, then pass through).
     */
    public static Set<Interval> builtIntervals(PoolConfig config) {
        Set<Channel> trades = tradeChannels(config);
        return trades.isEmpty() ? Set.of() : config.klineIntervals();
    }

    /**
     * The trades candles are built from: raw trades ({@link Channel#TRADE}) unless the pool subscribes only
     * aggregated trades (Binance {@code aggTrade} without {@code trade}): then {@link Channel#AGG_TRADE}. One kind
     * only, so a trade's volume is never counted twice.
     */
    public static Channel candleSource(PoolConfig config) {
        Set<Channel> trades = tradeChannels(config);
        return trades.contains(Channel.AGG_TRADE) && !trades.contains(Channel.TRADE) ? Channel.AGG_TRADE
                : Channel.TRADE;
    }

    /** The trade channels ({@link Channel#isTrade()}) the pool's venue channels publish on. */
    private static Set<Channel> tradeChannels(PoolConfig config) {
        VenueAdapter adapter = Venues.adapter(config.venue());
        Set<Channel> out = EnumSet.noneOf(Channel.class);
        for (String c : config.channels()) {
            for (Channel ch : adapter.topicChannels(c, Set.of())) {
                if (ch.isTrade()) {
                    out.add(ch);
                }
            }
        }
        return out;
    }

    /** Every topic {@code config} will publish on. */
    public static Set<Topic> of(PoolConfig config) {
        VenueAdapter adapter = Venues.adapter(config.venue());
        Set<Interval> klines = builtIntervals(config);
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        for (String c : config.channels()) {
            channels.addAll(adapter.topicChannels(c, klines));
        }
        Set<Topic> out = new LinkedHashSet<>();
        for (String symbol : config.symbols()) {
            String s = adapter.symbol(symbol);
            if (!Topic.isSymbol(s)) {
                continue;
            }
            for (Channel c : channels) {
                out.add(Topic.of(config.venue().source(), s, c));
            }
        }
        return out;
    }
}
