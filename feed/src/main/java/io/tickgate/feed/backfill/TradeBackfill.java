package io.tickgate.feed.backfill;

import io.tickgate.model.event.GapReason;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.Trade;
import io.tickgate.model.event.TradeGap;
import io.tickgate.model.event.TradeIds;
import io.tickgate.model.topic.Channel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each trade topic gap-free in venue-id order: the single place that decides whether a live trade is published
 * now, dropped as a duplicate, or held behind a hole that is being backfilled. Runs on the venue's processing thread
 * (every method), fetch completions come back through its {@code executor}.
 *
 * <p>A live trade whose first id (its id, less the matches an OKX print aggregates) is past the last published id + 1
 * opens a hole: the ids between were sent by the venue while no connection delivered them (reconnect, rotation,
 * handoff, queue overflow). The hole's trades are fetched by {@link TradeHistory} pages (several at a time where the
 * venue pages forward by id: {@link ConcurrentPages}), and the live trades that follow are held meanwhile. When the
 * fetch ends, the recovered trades are published in id order, each id range the venue no longer had is announced by
 * a {@link TradeGap} at its place, then the held trades follow. Bounds ({@link BackfillConfig}): a hole larger than
 * {@code maxTrades} has its older part announced at once; more than {@code holdTrades} held over all of the venue's
 * topics (the backfill whose topic took the one too many), or a fetch running past {@code timeoutMillis}, abandons
 * the backfill (the whole hole announced as {@link GapReason#LIMIT}) and releases its held trades. Released held
 * trades pass {@link #onLive} again, so a hole among them (ids lost while the backfill ran) is backfilled or
 * announced in its turn, never skipped.
 */
public final class TradeBackfill {

    private static final Logger LOG = LoggerFactory.getLogger(TradeBackfill.class);
    /**
     * A trade whose id is not past the last published one but whose time is later than the last published trade's by
     * more than this (venue clock jitter between trades of one symbol stays far below it) cannot be a duplicate.
     */
    static final long RENUMBERED_AFTER_MILLIS = 1_000;

    private TradeHistory history;
    private final BackfillConfig config;
    private final Executor executor;
    private final Consumer<MarketEvent> gaps;
    private final BackfillCounters counters;
    private final LongSupplier nanoClock;
    private final Set<TradeLine> active = new LinkedHashSet<>();
    /** Live trades held over all lines: what {@link BackfillConfig#holdTrades()} bounds. */
    private int held;
    /** True while {@link #finish} publishes recovered trades (not the held live ones). */
    private boolean recovering;
    /** {@code active.size()} for other threads. */
    private volatile int running;

    /**
     * @param history   the venue's REST trade history, already paced; null when it has none (holes are announced)
     * @param config    bounds
     * @param executor  runs fetch completions on the processing thread
     * @param gaps      where gap notices go (the processor's publish, so they are sequenced with the trades)
     * @param counters  what backfills did
     * @param nanoClock monotonic time ({@code System::nanoTime})
     */
    public TradeBackfill(TradeHistory history, BackfillConfig config, Executor executor, Consumer<MarketEvent> gaps,
                         BackfillCounters counters, LongSupplier nanoClock) {
        this.history = history;
        this.config = Objects.requireNonNull(config, "config");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.gaps = Objects.requireNonNull(gaps, "gaps");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /**
     * A live trade of {@code line} with numeric venue id {@code id}: published through {@code publish} now, or held
     * and published after the backfill it waits for.
     *
     * @return false if it is a duplicate (an id already published or held), which is dropped
     */
    public boolean onLive(TradeLine line, Trade trade, long id, Consumer<Trade> publish) {
        TradeLine.Pending p = line.pending;
        if (p != null) {
            if (id <= p.lastHeldId) {
                return false;
            }
            p.held.add(trade);
            p.lastHeldId = id;
            if (++held > config.holdTrades()) {
                LOG.warn("{}: {} live trades held behind the venue's backfills: the backfill of ids {}..{} ({} held)"
                        + " abandoned", trade.topic(), held, p.from, p.to, p.held.size());
                finish(line, null, GapReason.LIMIT);
            }
            return true;
        }
        if (line.lastId != TradeIds.NONE && id <= line.lastId) {
            if (trade.timestamp() <= line.lastTime + RENUMBERED_AFTER_MILLIS) {
                return false; // a duplicate: published already (ids and times of one venue grow together)
            }
            // an id at or below the last one, yet clearly newer than it: the venue numbers its trades anew (a
            // simulator restarted under a broker that kept the earlier run's last ids); the line starts over from it,
            // keeping the old numbering's end in case the low id was a stray
            LOG.warn("{}: trade id {} at {} is below the last published id {} at {}: the venue renumbered its"
                    + " trades; continuing from it", trade.topic(), id, trade.timestamp(), line.lastId, line.lastTime);
            if (line.lastId > line.formerId) {
                line.formerId = line.lastId;
                line.formerTime = line.lastTime;
            }
            line.lastId = TradeIds.NONE;
        } else if (line.formerId != TradeIds.NONE && id <= line.formerId && id > line.lastId
                && trade.timestamp() <= line.formerTime + RENUMBERED_AFTER_MILLIS) {
            return false; // a late duplicate of the old numbering, not a hole in the new one
        }
        if (line.formerId != TradeIds.NONE && id > line.formerId) {
            // past the old numbering's end: it went on (the low ids were strays) or the new one caught up; either
            // way the line continues after the old end, never opening a hole over ids it published
            line.lastId = Math.max(line.lastId, line.formerId);
            line.formerId = TradeIds.NONE;
        }
        long first = id - trade.count() + 1; // an OKX print of several matches covers ids first..id
        if (line.lastId != TradeIds.NONE && first > line.lastId + 1) {
            open(line, trade, line.lastId + 1, first - 1, id, publish);
            return true;
        }
        publish(line, trade, id, publish);
        return true;
    }

    /**
     * Publishes again {@code trades}, which {@code line} published past {@code afterId} (sent at {@code afterTime})
     * but which never reached their topic (a standby's buffer whose socket began after the old owner's last publish),
     * the line continuing from {@code afterId}: the ids between are a hole, backfilled with the trades held behind it,
     * or announced, as any other. The trades replayed go through {@code again} (what was built from them the first
     * time is not built again), every other one (recovered, or live after them) through {@code publish}. A line still
     * backfilling a hole of its own past them cannot take a second one: the ids between are announced
     * ({@link GapReason#LIMIT}) and the trades published at once.
     */
    public void replay(TradeLine line, long afterId, long afterTime, List<Trade> trades, Consumer<Trade> again,
                       Consumer<Trade> publish) {
        Trade first = trades.get(0);
        long from = TradeIds.parse(first.tradeId());
        long to = TradeIds.parse(trades.get(trades.size() - 1).tradeId());
        if (line.pending != null) {
            announce(first, afterId + 1, from - first.count(), afterTime, first.timestamp(), GapReason.LIMIT);
            trades.forEach(again);
            return;
        }
        line.lastId = afterId;
        line.lastTime = afterTime;
        Consumer<Trade> route = t -> {
            long id = TradeIds.parse(t.tradeId());
            (id >= from && id <= to ? again : publish).accept(t);
        };
        for (Trade t : trades) {
            onLive(line, t, TradeIds.parse(t.tradeId()), route);
        }
    }

    /** Abandons backfills that have held their topic past {@code timeoutMillis}. */
    public void tick() {
        if (active.isEmpty()) {
            return;
        }
        long now = nanoClock.getAsLong();
        List<TradeLine> late = new ArrayList<>();
        for (TradeLine l : active) {
            if (now - l.pending.deadlineNanos >= 0) {
                late.add(l);
            }
        }
        for (TradeLine l : late) {
            TradeLine.Pending p = l.pending;
            LOG.warn("{}: backfill of ids {}..{} still running after {} ms: abandoned", p.first.topic(), p.from,
                    p.to, config.timeoutMillis());
            finish(l, null, GapReason.LIMIT);
        }
    }

    /** From now on, holes are backfilled from {@code history} (null: announced). Call on the processing thread. */
    public void history(TradeHistory history) {
        this.history = history;
    }

    /**
     * True while a backfill holds the live trades of {@code symbol} on {@code channel}: trades older than the held ones
     * are still to come, so what is built from them (candles) must not be closed on the clock meanwhile.
     */
    public boolean holding(String symbol, Channel channel) {
        for (TradeLine l : active) {
            Trade first = l.pending.first;
            if (first.channel() == channel && first.symbol().equals(symbol)) {
                return true;
            }
        }
        return false;
    }

    /** Backfills running (any thread). */
    public int running() {
        return running;
    }

    public BackfillCounters counters() {
        return counters;
    }

    private void open(TradeLine line, Trade live, long from, long to, long liveId, Consumer<Trade> publish) {
        if (history == null || !history.covers(live.aggregated()) || config.maxTrades() == 0) {
            gap(line, live, from, to, live.timestamp(), GapReason.NO_HISTORY);
            publish(line, live, liveId, publish);
            return;
        }
        if (to - from + 1 > config.maxTrades()) {
            long keepFrom = to - config.maxTrades() + 1;
            gap(line, live, from, keepFrom - 1, 0, GapReason.LIMIT);
            from = keepFrom;
        }
        long now = nanoClock.getAsLong();
        TradeLine.Pending p = new TradeLine.Pending(live, from, to, publish, now,
                now + TimeUnit.MILLISECONDS.toNanos(config.timeoutMillis()));
        p.held.add(live);
        p.lastHeldId = liveId;
        held++;
        line.pending = p;
        active.add(line);
        running = active.size();
        ConcurrentPages.fetch(history, live.symbol(), live.aggregated(), from, to, () -> p.abandoned)
                .whenComplete((found, failure) -> executor.execute(() -> {
                    if (line.pending != p) {
                        return; // abandoned meanwhile: its hole was announced already
                    }
                    if (failure != null) {
                        LOG.warn("{}: backfill of ids {}..{} failed: {}", live.topic(), p.from, p.to,
                                failure.toString());
                    }
                    finish(line, failure == null ? found : null, GapReason.REST_FAILED);
                }));
    }

    /** Publishes what was found in id order with gaps where ids lack ({@code reason} if nothing was found). */
    private void finish(TradeLine line, NavigableMap<Long, Trade> found, GapReason failed) {
        TradeLine.Pending p = line.pending;
        p.abandoned = true;
        held -= p.held.size();
        line.pending = null;
        active.remove(line);
        running = active.size();
        Consumer<Trade> publish = p.publish;
        long next;
        recovering = true;
        try {
            next = publishFound(line, p, found);
        } finally {
            recovering = false;
        }
        if (next <= p.to) {
            gap(line, p.first, next, p.to, p.first.timestamp(), found == null ? failed : GapReason.HISTORY);
        }
        counters.finished(nanoClock.getAsLong() - p.startNanos);
        for (Trade t : p.held) {
            // the held trades pass the live gate again: ids lost while this backfill ran (a second cut, an overflow)
            // are a hole of their own, backfilled or announced, and the trades after it are held again
            onLive(line, t, TradeIds.parse(t.tradeId()), publish);
        }
    }

    /** Publishes the trades found in id order, with gaps where ids lack; returns the id after the last published. */
    private long publishFound(TradeLine line, TradeLine.Pending p, NavigableMap<Long, Trade> found) {
        long next = p.from;
        long recovered = 0;
        if (found != null) {
            for (Map.Entry<Long, Trade> e : found.subMap(p.from, true, p.to, true).entrySet()) {
                long first = e.getKey() - e.getValue().count() + 1;
                if (first > next) {
                    gap(line, p.first, next, first - 1, e.getValue().timestamp(), GapReason.HISTORY);
                }
                publish(line, e.getValue(), e.getKey(), p.publish);
                next = e.getKey() + 1;
                recovered++;
            }
        }
        counters.recovered(recovered);
        return next;
    }

    /**
     * True while the trades a backfill recovered are being published (through the publish given to {@link #onLive}),
     * false for live ones: what is built from trades may treat them as the vacancy's. Processing thread only.
     */
    public boolean recovering() {
        return recovering;
    }

    private void publish(TradeLine line, Trade t, long id, Consumer<Trade> publish) {
        line.lastId = id;
        line.lastTime = t.timestamp();
        publish.accept(t);
    }

    private void gap(TradeLine line, Trade of, long from, long to, long toTime, GapReason reason) {
        announce(of, from, to, line.lastTime, toTime, reason);
        line.lastId = Math.max(line.lastId, to);
    }

    /** Counts and publishes a gap notice for ids {@code from..to} of {@code of}'s topic. */
    private void announce(Trade of, long from, long to, long fromTime, long toTime, GapReason reason) {
        counters.gap(to - from + 1);
        gaps.accept(new TradeGap(of.source(), of.symbol(), of.channel(), Long.toString(from), Long.toString(to),
                fromTime, toTime, reason, of.timestamp()));
    }
}
