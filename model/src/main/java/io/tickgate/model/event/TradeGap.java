package io.tickgate.model.event;

import io.tickgate.model.topic.Channel;
import java.util.Objects;

/**
 * Trades of a topic the venue sent that tickgate could not recover: published in sequence on the trade topic itself,
 * so a subscriber learns about the hole exactly where it is instead of seeing the venue's trade ids jump. Every
 * missing trade has an id in {@code fromId..toId} (inclusive, the venue's ids) and happened between {@code fromTime}
 * and {@code toTime} (the times of the last trade published before the hole and the first after it; 0 when not
 * known).
 *
 * @param channel   {@link Channel#TRADE} or {@link Channel#AGG_TRADE}: the topic the trades were missed on
 * @param reason    why they were not recovered, see {@link GapReason}
 * @param timestamp when the hole was found to be unrecoverable (epoch ms)
 */
public record TradeGap(String source, String symbol, Channel channel, String fromId, String toId, long fromTime,
                       long toTime, GapReason reason, long timestamp) implements MarketEvent {

    public TradeGap {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(fromId, "fromId");
        Objects.requireNonNull(toId, "toId");
        Objects.requireNonNull(reason, "reason");
        if (channel != Channel.TRADE && channel != Channel.AGG_TRADE) {
            throw new IllegalArgumentException("a trade gap is on a trade channel, not " + channel);
        }
    }
}
