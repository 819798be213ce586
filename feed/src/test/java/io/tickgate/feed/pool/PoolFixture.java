package io.tickgate.feed.pool;

import static org.awaitility.Awaitility.await;

import io.tickgate.feed.FeedPools;

import io.micrometer.core.instrument.MeterRegistry;
import io.tickgate.model.venue.Venue;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.Trade;
import io.tickgate.simulator.instrument.Instrument;
import io.tickgate.simulator.venue.VenueSimulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;

/** The venue simulator plus the pools connected to it over loopback, and what they published. */
final class PoolFixture implements AutoCloseable {

    final VenueSimulator sim;
    final FeedPools pools;
    final Map<String, List<Long>> tradeIds = new ConcurrentHashMap<>();
    final Map<String, Long> lastEventAt = new ConcurrentHashMap<>();
    final Set<String> topics = ConcurrentHashMap.newKeySet();
    final Set<String> kinds = ConcurrentHashMap.newKeySet();
    /** Full book snapshots published per source.SYMBOL: one per (re)sync. */
    final Map<String, Integer> bookSnapshots = new ConcurrentHashMap<>();

    PoolFixture(VenueSimulator sim, java.util.function.UnaryOperator<PoolConfig.Builder> binance,
                java.util.function.UnaryOperator<PoolConfig.Builder> okx) {
        this(sim, binance, okx, null);
    }

    PoolFixture(VenueSimulator sim, java.util.function.UnaryOperator<PoolConfig.Builder> binance,
                java.util.function.UnaryOperator<PoolConfig.Builder> okx, MeterRegistry registry) {
        this.sim = sim;
        Consumer<MarketEvent> sink = e -> {
            topics.add(e.topic().toString());
            kinds.add(e.source() + ":" + e.getClass().getSimpleName());
            if (!(e instanceof io.tickgate.model.event.Kline)) { // candles also close on the clock alone
                lastEventAt.put(e.source() + "." + e.symbol(), System.currentTimeMillis());
            }
            if (e instanceof BookSnapshot) {
                bookSnapshots.merge(e.source() + "." + e.symbol(), 1, Integer::sum);
            }
            if (e instanceof Trade t) {
                tradeIds.computeIfAbsent(e.source() + "." + e.symbol(), k -> new ArrayList<>())
                        .add(Long.parseLong(t.tradeId()));
            }
        };
        List<PoolConfig> configs = new ArrayList<>();
        if (binance != null) {
            configs.add(binance.apply(PoolConfig.builder(Venue.BINANCE)
                    .url("ws://127.0.0.1:" + sim.port(Venue.BINANCE))
                    .restUrl("http://127.0.0.1:" + sim.port(Venue.BINANCE))
                    .symbols(symbols(sim, Venue.BINANCE))
                    .snapshots(100, 50, 100)).build());
        }
        if (okx != null) {
            configs.add(okx.apply(PoolConfig.builder(Venue.OKX)
                    .url("ws://127.0.0.1:" + sim.port(Venue.OKX) + "/ws/v5/public")
                    .symbols(symbols(sim, Venue.OKX))).build());
        }
        pools = new FeedPools(configs, 2, sink, registry);
    }

    static List<String> symbols(VenueSimulator sim, Venue venue) {
        List<String> out = new ArrayList<>();
        for (Instrument i : sim.symbols(venue)) {
            out.add(i.symbol());
        }
        return out;
    }

    /** Symbols (source.SYMBOL) that published something since {@code sinceMillis}. */
    Set<String> deliveringSince(long sinceMillis) {
        Set<String> out = ConcurrentHashMap.newKeySet();
        lastEventAt.forEach((k, v) -> {
            if (v >= sinceMillis) {
                out.add(k);
            }
        });
        return out;
    }

    /** Symbols (source.SYMBOL) that published a book snapshot since {@code before} (a copy of bookSnapshots). */
    Set<String> resyncedSince(Map<String, Integer> before) {
        Set<String> out = new java.util.TreeSet<>();
        bookSnapshots.forEach((k, n) -> {
            if (n > before.getOrDefault(k, 0)) {
                out.add(k);
            }
        });
        return out;
    }

    /**
     * Waits up to {@code atMost} for {@code condition}; when it does not come, fails with {@code what} (asked then) and
     * what the pool looks like then (readiness, reconnects, moves, every connection, the feeds' status), so that a
     * failure in a loaded run says where it stood.
     */
    void awaitOrExplain(Duration atMost, Supplier<String> what, FeedPool pool, Callable<Boolean> condition) {
        try {
            await().atMost(atMost).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(what.get() + " not within " + atMost.toSeconds() + " s; " + describe(pool), e);
        }
    }

    /** The pool's state in one line, for a failure message. */
    private String describe(FeedPool pool) {
        return "ready " + pools.ready() + ", reconnects " + pool.reconnects() + ", rebalance moves "
                + pool.rebalanceMoves() + ", book snapshots " + new TreeMap<>(bookSnapshots)
                + ", connections " + pool.views() + ", feeds " + pools.feedsJson();
    }

    @Override
    public void close() {
        pools.close();
        sim.close();
    }
}
