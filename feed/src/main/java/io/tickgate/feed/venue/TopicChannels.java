package io.tickgate.feed.venue;

import io.tickgate.model.topic.Channel;
import io.tickgate.model.topic.Interval;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** Helpers for {@link VenueAdapter#topicChannels}: channel sets every venue's mapping is made of. */
public final class TopicChannels {

    private TopicChannels() {
    }

    /**
     * A trade channel ({@link Channel#TRADE} or {@link Channel#AGG_TRADE}) and the candles the venue processor builds
     * from trades.
     */
    public static Set<Channel> tradesAndCandles(Channel trades, Set<Interval> klines) {
        Set<Channel> out = EnumSet.of(trades);
        for (Interval i : klines) {
            Channel c = Channel.kline(i);
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    /** The kline channel of a venue's interval label ({@code 1m}, {@code 1H}), or none if tickgate has no such channel. */
    public static Set<Channel> klineOf(String label) {
        return kline(Interval.fromLabel(label.toLowerCase(Locale.ROOT)));
    }

    /** The kline channel of an interval, or none when the interval is null or has no channel. */
    public static Set<Channel> kline(Interval interval) {
        Channel c = interval == null ? null : Channel.kline(interval);
        return c == null ? EnumSet.noneOf(Channel.class) : EnumSet.of(c);
    }
}
