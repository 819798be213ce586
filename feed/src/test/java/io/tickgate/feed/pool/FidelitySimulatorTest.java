package io.tickgate.feed.pool;

import io.tickgate.feed.FeedPools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickgate.model.venue.Venue;
import io.tickgate.model.book.OrderBook;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.Trade;
import io.tickgate.simulator.venue.VenueSimulator;
import io.tickgate.simulator.venue.VenueSimulatorConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Feed fidelity against the simulated Binance over loopback: trade + aggTrade together, and the vouched depth. */
class FidelitySimulatorTest {

    private static FeedPools binancePool(VenueSimulator sim, UnaryOperator<PoolConfig.Builder> settings,
                                         Consumer<MarketEvent> sink) {
        PoolConfig c = settings.apply(PoolConfig.builder(Venue.BINANCE)
                .url("ws://127.0.0.1:" + sim.port(Venue.BINANCE)).restUrl("http://127.0.0.1:" + sim.port(Venue.BINANCE))
                .symbols(PoolFixture.symbols(sim, Venue.BINANCE))
                .connections(1, 1)).build();
        return new FeedPools(List.of(c), 1, sink, null);
    }

    @Test
    @Timeout(60)
    void rawAndAggregatedTradesOfOneSymbolAreAllDeliveredNoneDroppedAsDuplicate() {
        VenueSimulator sim = VenueSimulator.start(VenueSimulatorConfig.builder().seed(12).symbolsPerSource(3)
                .eventsPerSecond(600).build());
        Map<String, List<Long>> ids = new ConcurrentHashMap<>(); // topic -> trade ids in arrival order
        FeedPools pools = binancePool(sim, b -> b.channels(List.of("trade", "aggTrade")), e -> {
            if (e instanceof Trade t) {
                ids.computeIfAbsent(e.topic().toString(), k -> java.util.Collections.synchronizedList(
                        new ArrayList<>())).add(Long.parseLong(t.tradeId()));
            }
        });
        try {
            List<String> symbols = PoolFixture.symbols(sim, Venue.BINANCE);
            await().atMost(Duration.ofSeconds(40)).until(() -> symbols.stream().allMatch(s ->
                    ids.getOrDefault("binance." + s + ".trade", List.of()).size() >= 30
                            && ids.getOrDefault("binance." + s + ".aggTrade", List.of()).size() >= 30));
            pools.close();
            FeedPool pool = pools.pools().get(0);
            assertThat(pool.processor().duplicates()).as("nothing dropped as a duplicate").isZero();
            assertThat(pool.reconnects()).isZero();
            for (String s : symbols) {
                List<Long> raw = List.copyOf(ids.get("binance." + s + ".trade"));
                List<Long> agg = List.copyOf(ids.get("binance." + s + ".aggTrade"));
                // the simulated venue numbers each symbol's trades 1 by 1 and sends each as a trade and an aggTrade
                assertThat(gaps(raw)).as(s + " raw trade ids").isEmpty();
                assertThat(gaps(agg)).as(s + " aggTrade ids").isEmpty();
                long from = Math.max(raw.get(0), agg.get(0));
                long to = Math.min(raw.get(raw.size() - 1), agg.get(agg.size() - 1));
                assertThat(to - from).as(s + " ids delivered on both topics").isGreaterThanOrEqualTo(20);
            }
        } finally {
            pools.close();
            sim.close();
        }
    }

    /** Places where an id does not follow its predecessor by exactly 1. */
    private static List<String> gaps(List<Long> ids) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i < ids.size(); i++) {
            if (ids.get(i) != ids.get(i - 1) + 1) {
                out.add(ids.get(i - 1) + " -> " + ids.get(i));
            }
        }
        return out;
    }

    @Test
    @Timeout(60)
    void booksPublishOnlyTheDepthTheRestSnapshotCovered() {
        // the simulated book holds 50+ levels per side; the REST snapshot asks for 20
        VenueSimulator sim = VenueSimulator.start(VenueSimulatorConfig.builder().seed(13).symbolsPerSource(3)
                .eventsPerSecond(1500).build());
        Map<String, OrderBook> subscribers = new ConcurrentHashMap<>();
        Map<String, Integer> snapshotDepths = new ConcurrentHashMap<>();
        AtomicInteger deltas = new AtomicInteger();
        AtomicInteger deepest = new AtomicInteger();
        FeedPools pools = binancePool(sim, b -> b.channels(List.of("depth@100ms")).snapshots(20, 50, 100), e -> {
            // the publishing thread is the venue's one processing thread: apply as a subscriber would
            OrderBook book = subscribers.computeIfAbsent(e.symbol(), s -> new OrderBook("binance", s));
            if (e instanceof BookSnapshot s) {
                book.replace(s);
                snapshotDepths.merge(e.symbol(), Math.max(s.bids().size(), s.asks().size()), Math::max);
            } else if (e instanceof BookDelta d) {
                book.apply(d);
                deltas.incrementAndGet();
            } else {
                return;
            }
            deepest.accumulateAndGet(Math.max(book.bidDepth(), book.askDepth()), Math::max);
        });
        try {
            assertThat(pools.pools().get(0).config().publishedBookDepth()).isEqualTo(20);
            await().atMost(Duration.ofSeconds(40)).until(() -> snapshotDepths.size() == 3 && deltas.get() >= 300);
            pools.close();
            assertThat(snapshotDepths).as("full books published at the snapshot's depth")
                    .containsOnlyKeys(PoolFixture.symbols(sim, Venue.BINANCE))
                    .allSatisfy((s, depth) -> assertThat(depth).isEqualTo(20));
            assertThat(deepest.get()).as("a subscriber's book never holds a level beyond the 20th").isEqualTo(20);
            assertThat(pools.pools().get(0).processor().bookCounters().gaps()).isZero();
        } finally {
            pools.close();
            sim.close();
        }
    }
}
