package io.tickgate.bus.redis;

import io.tickgate.model.event.GapReason;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.Trade;
import io.tickgate.model.event.TradeGap;
import io.tickgate.model.event.TradeIds;
import io.tickgate.model.topic.Topic;

/**
 * The venue trades of one trade topic the publisher lost (its queue was full, or a publish call still failed after
 * the give-up time): the venue trade-id range {@code firstId..lastId}, how many events, and the times of the first and
 * the last. Immutable; {@link #then} joins two. Announced on the topic as a {@link TradeGap} ({@link #notice}) in
 * sequence, where the lost trades would have been.
 *
 * <p>Ids are compared as numbers when both are (Binance, OKX); otherwise the earlier loss gives the first id and the
 * later the last (one producer per topic publishes its trades in the venue's order).
 */
record LostTrades(String firstId, String lastId, long count, long firstTime, long lastTime) {

    /** True for the events of a trade topic ({@link Trade}, {@link TradeGap}): what {@link #of} takes. */
    static boolean isTrade(MarketEvent e) {
        return e instanceof Trade || e instanceof TradeGap;
    }

    /**
     * The trades {@code e} stands for: a {@link Trade} (its whole span of venue ids: OKX prints several), or a
     * {@link TradeGap} (the ids it announces); null for any other event (not on a trade topic).
     */
    static LostTrades of(MarketEvent e) {
        if (e instanceof Trade t) {
            long id = TradeIds.parse(t.tradeId());
            String first = id == TradeIds.NONE || t.count() == 1 ? t.tradeId() : Long.toString(id - t.count() + 1);
            return new LostTrades(first, t.tradeId(), 1, t.timestamp(), t.timestamp());
        }
        if (e instanceof TradeGap g) {
            return new LostTrades(g.fromId(), g.toId(), 1, g.fromTime(), g.toTime());
        }
        return null;
    }

    /** Both losses as one: this one earlier (either may be null). */
    static LostTrades join(LostTrades earlier, LostTrades later) {
        return earlier == null ? later : later == null ? earlier : earlier.then(later);
    }

    /** This loss and a later one as one range. */
    LostTrades then(LostTrades later) {
        long a = TradeIds.parse(firstId);
        long b = TradeIds.parse(later.firstId);
        long c = TradeIds.parse(lastId);
        long d = TradeIds.parse(later.lastId);
        String first = a != TradeIds.NONE && b != TradeIds.NONE && b < a ? later.firstId : firstId;
        String last = c != TradeIds.NONE && d != TradeIds.NONE && c > d ? lastId : later.lastId;
        return new LostTrades(first, last, count + later.count, Math.min(firstTime, later.firstTime),
                Math.max(lastTime, later.lastTime));
    }

    /** The gap notice for these trades on {@code topic}, found unrecoverable at {@code now} (epoch ms). */
    TradeGap notice(Topic topic, long now) {
        return new TradeGap(topic.source(), topic.symbol(), topic.channel(), firstId, lastId, firstTime, lastTime,
                GapReason.LIMIT, now);
    }
}
