package io.tickgate.store.rest;

import io.tickgate.model.event.Kline;
import io.tickgate.model.topic.Channel;
import io.tickgate.model.topic.Interval;
import io.tickgate.model.topic.Topic;
import io.tickgate.store.api.HistoryStore;
import io.tickgate.store.ingest.OpenCandles;
import io.tickgate.store.sql.Rows;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers a candle range: the stored closed candles of the topic; when the store has none for it (an interval the
 * feeds do not build), candles aggregated from the longest shorter interval that has some; and the open candle from
 * memory at the end when the range reaches it. Blocking (runs on the history executor).
 */
final class KlineHistory {

    /** The most shorter-interval candles read to build one answer (1,000 hourly candles from 1m ones: 60,000). */
    static final int MAX_PARTS = 60_000;

    private final HistoryStore store;
    private final OpenCandles openCandles;

    KlineHistory(HistoryStore store, OpenCandles openCandles) {
        this.store = store;
        this.openCandles = openCandles;
    }

    /**
     * Candles of {@code topic} opened in [{@code from}, {@code to}], ascending, at most {@code limit}: the first
     * ones of the range, or the latest ones when {@code from} is null.
     */
    List<Kline> read(Topic topic, Long from, long to, int limit) throws SQLException {
        Interval interval = Rows.interval(topic.channel());
        List<Kline> out = new ArrayList<>(from == null ? store.lastKlines(topic, to, limit)
                : store.klines(topic, from, to, limit));
        if (out.isEmpty()) {
            out.addAll(aggregated(topic, interval, from, to, limit));
        }
        Kline open = openCandles.open(topic);
        Kline last = out.isEmpty() ? null : out.get(out.size() - 1);
        if (open != null && last != null && !last.closed() && last.openTime() == open.openTime()) {
            out.set(out.size() - 1, open); // an aggregate of the closed parts so far: the live candle is the truth
        } else if (open != null && open.openTime() <= to && (from == null || open.openTime() >= from)
                && (last == null || open.openTime() > last.openTime())) {
            if (from == null && out.size() == limit) {
                out.remove(0);
            }
            if (out.size() < limit) {
                out.add(open);
            }
        }
        return out;
    }

    private List<Kline> aggregated(Topic topic, Interval target, Long from, long to, int limit)
            throws SQLException {
        Interval[] all = Interval.values();
        for (int i = target.ordinal() - 1; i >= 0; i--) {
            Interval part = all[i];
            if (target.millis() % part.millis() != 0) {
                continue;
            }
            int ratio = (int) (target.millis() / part.millis());
            int partLimit = (int) Math.min(MAX_PARTS, (long) (limit + 1) * ratio);
            Topic source = topic.withChannel(Channel.kline(part));
            List<Kline> parts = from == null ? store.lastKlines(source, to, partLimit)
                    : store.klines(source, target.floor(from), to, partLimit);
            if (parts.isEmpty()) {
                continue;
            }
            List<Kline> built = new ArrayList<>(KlineAggregator.aggregate(parts, target));
            boolean cut = parts.size() == partLimit;
            if (from == null) {
                if (cut) {
                    built.remove(0); // its first parts may lie before what was read
                }
                return built.subList(Math.max(0, built.size() - limit), built.size());
            }
            if (cut) {
                built.remove(built.size() - 1); // its last parts may lie after what was read
            }
            built.removeIf(k -> k.openTime() < from);
            return built.subList(0, Math.min(limit, built.size()));
        }
        return List.of();
    }
}
