package io.tickgate.feed.standby;

import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.GapReason;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.Trade;
import io.tickgate.model.event.TradeGap;
import io.tickgate.model.event.TradeIds;
import io.tickgate.model.topic.Topic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a standby publishes when it takes its shard over, before going live: per trade topic, the buffered trades
 * (and gap notices) past the last venue id the topic carries in the broker, in id order, preceded by a gap notice
 * ({@link GapReason#LIMIT}) for the ids the buffer no longer holds (where the buffer begins past the broker's last id
 * + 1 with none of the ids between dropped, the standby never received them: that topic's trades are handed back as
 * {@link Unreceived}, to be published behind a backfill of the ids between); per other topic its newest buffered value (a
 * candle topic first every buffered closed candle the old owner had not published closed, in open-time order, so a
 * vacancy longer than the interval leaves no bar out); then every synced book as a snapshot (the buffered book
 * deltas are not published: the snapshot resyncs the book at the topic's next seq). Trades without a numeric id are not
 * published from the buffer (nothing tells whether the old owner did).
 */
final class Catchup {

    /**
     * @param events the events to publish, in order
     * @param floors per trade topic, the last venue id the topic carries once they are published (live trades at or
     *               below it are the old owner's, already published)
     * @param trades how many buffered trades are supplied (in the events or in {@code unreceived})
     * @param unreceived the trade topics whose buffered trades begin past the broker's last id + 1 though the buffer
     *                   dropped none of the ids between: the standby's socket never received those (it began after
     *                   the old owner's last publish), so they are backfilled, not announced; these topics' trades
     *                   are not in the events
     */
    record Result(List<MarketEvent> events, Map<Topic, Long> floors, long trades, List<Unreceived> unreceived) {
    }

    private Catchup() {
    }

    /**
     * @param buffered    the standby buffer, oldest first
     * @param droppedUpTo per trade topic, the highest venue id the buffer dropped
     * @param published   per trade topic, the last event the broker carries (a trade or a gap notice)
     * @param books       the standby's synced books, now
     */
    static Result of(List<MarketEvent> buffered, Map<Topic, Long> droppedUpTo, Map<Topic, MarketEvent> published,
                     List<BookSnapshot> books) {
        Map<Topic, Long> floors = new HashMap<>();
        Map<Topic, Long> times = new HashMap<>();
        published.forEach((t, e) -> {
            if (lastId(e) != TradeIds.NONE) {
                floors.put(t, lastId(e));
                times.put(t, e instanceof TradeGap g ? g.toTime() : e.timestamp());
            }
        });
        Set<Topic> started = new HashSet<>();
        Map<Topic, Unreceived> unreceived = new LinkedHashMap<>();
        List<MarketEvent> out = new ArrayList<>();
        Map<Topic, MarketEvent> newest = new LinkedHashMap<>();
        Map<Topic, List<Kline>> closed = new LinkedHashMap<>();
        long trades = 0;
        for (MarketEvent e : buffered) {
            if (e instanceof Trade t) {
                long id = TradeIds.parse(t.tradeId());
                Long floor = floors.get(t.topic());
                if (id == TradeIds.NONE || floor != null && id <= floor) {
                    continue;
                }
                Unreceived refill = unreceived.get(t.topic());
                if (refill != null) {
                    refill.trades().add(t);
                    trades++;
                    continue;
                }
                long firstMatch = id - t.count() + 1; // an OKX print of several matches covers ids firstMatch..id
                if (started.add(t.topic()) && floor != null && firstMatch > floor + 1) {
                    long after = floor;
                    long afterTime = times.get(t.topic());
                    Long dropped = droppedUpTo.get(t.topic());
                    if (dropped != null && dropped > floor) {
                        after = Math.min(dropped, firstMatch - 1);
                        afterTime = t.timestamp();
                        out.add(gap(t.topic(), floor + 1, after, times.get(t.topic()), afterTime, afterTime));
                        floors.put(t.topic(), after);
                    }
                    if (firstMatch > after + 1) {
                        List<Trade> held = new ArrayList<>();
                        held.add(t);
                        unreceived.put(t.topic(), new Unreceived(t.topic(), after, afterTime, held));
                        trades++;
                        continue;
                    }
                }
                out.add(t);
                floors.put(t.topic(), id);
                trades++;
            } else if (e instanceof TradeGap g) {
                long to = TradeIds.parse(g.toId());
                Long floor = floors.get(g.topic());
                if (to == TradeIds.NONE || floor != null && to <= floor || unreceived.containsKey(g.topic())) {
                    continue;
                }
                started.add(g.topic());
                out.add(floor == null ? g : new TradeGap(g.source(), g.symbol(), g.channel(),
                        Long.toString(Math.max(floor + 1, TradeIds.parse(g.fromId()))), g.toId(), g.fromTime(),
                        g.toTime(), g.reason(), g.timestamp()));
                floors.put(g.topic(), to);
            } else if (e instanceof Kline k) {
                if (k.closed() && unpublished(k, published.get(k.topic()))) {
                    closed.computeIfAbsent(k.topic(), t -> new ArrayList<>()).add(k);
                }
                newest.put(k.topic(), k);
            } else if (!(e instanceof BookDelta) && !(e instanceof BookSnapshot)) {
                newest.put(e.topic(), e);
            }
        }
        droppedUpTo.forEach((t, dropped) -> {
            Long floor = floors.get(t);
            if (!started.contains(t) && floor != null && dropped > floor) {
                out.add(gap(t, floor + 1, dropped, times.get(t), 0, System.currentTimeMillis()));
                floors.put(t, dropped);
            }
        });
        closed.forEach((t, ks) -> ks.stream().filter(k -> newest.get(t) != k).forEach(out::add));
        out.addAll(newest.values());
        out.addAll(books);
        return new Result(out, floors, trades, List.copyOf(unreceived.values()));
    }

    /**
     * A closed candle the old owner cannot have published closed: later than the topic's last candle in the broker,
     * or that one's closing when the broker has it open (every candle when the broker has none).
     */
    private static boolean unpublished(Kline k, MarketEvent last) {
        if (!(last instanceof Kline p)) {
            return true;
        }
        return p.closed() ? k.openTime() > p.openTime() : k.openTime() >= p.openTime();
    }

    private static long lastId(MarketEvent e) {
        if (e instanceof Trade t) {
            return TradeIds.parse(t.tradeId());
        }
        return e instanceof TradeGap g ? TradeIds.parse(g.toId()) : TradeIds.NONE;
    }

    private static TradeGap gap(Topic t, long from, long to, Long fromTime, long toTime, long timestamp) {
        return new TradeGap(t.source(), t.symbol(), t.channel(), Long.toString(from), Long.toString(to),
                fromTime == null ? 0 : fromTime, toTime, GapReason.LIMIT, timestamp);
    }
}
