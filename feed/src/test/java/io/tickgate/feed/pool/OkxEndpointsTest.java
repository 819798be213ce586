package io.tickgate.feed.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickgate.feed.FeedPools;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Interval;
import io.tickgate.model.venue.Venue;
import io.tickgate.simulator.venue.VenueConnection;
import io.tickgate.simulator.venue.VenueSimulator;
import io.tickgate.simulator.venue.VenueSimulatorConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * OKX serves candles only on {@code /ws/v5/business}: a pool configured with trades, books and candle1m opens a
 * pool of connections per endpoint and delivers the venue's 1-minute candles from the business endpoint while trades
 * and books flow from the public one, all through one venue processor (so {@code okx.<SYM>.kline.1m} has one
 * writer: with 1m not built from trades, the venue's candle is what reaches the topic). Ownership is per symbol and
 * endpoint: the two sockets that deliver the same symbol are no duplicates of each other, and a reconnect of the
 * business socket leaves the books alone. Against the simulator, which refuses candles on {@code /public} with
 * OKX's 60018, and limits connection attempts per IP across both endpoints as OKX does.
 */
class OkxEndpointsTest {

    /** A candle and when it was published. */
    private record Got(long at, Kline kline) {
    }

    private final Queue<Got> klines = new ConcurrentLinkedQueue<>();
    private final Set<String> topics = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> lastTradeAt = new ConcurrentHashMap<>();
    private final Map<String, Long> lastBookDeltaAt = new ConcurrentHashMap<>();
    private final AtomicInteger bookSnapshots = new AtomicInteger();
    private VenueSimulator sim;
    private FeedPools pools;

    @AfterEach
    void close() {
        if (pools != null) {
            pools.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private FeedPool start(UnaryOperator<PoolConfig.Builder> tweak, SimpleMeterRegistry registry) {
        sim = VenueSimulator.start(VenueSimulatorConfig.builder().seed(31).symbolsPerSource(6).eventsPerSecond(600)
                .build());
        PoolConfig config = tweak.apply(PoolConfig.builder(Venue.OKX)
                .url("ws://127.0.0.1:" + sim.port(Venue.OKX) + "/ws/v5/public")
                .symbols(PoolFixture.symbols(sim, Venue.OKX))
                .channels(List.of("trades", "books", "candle1m"))
                .klineIntervals(List.of("1s", "5m")) // 1m is not built from trades: the venue's candle passes
                .rebalance(1.5, 0)).build();
        pools = new FeedPools(List.of(config), 2, this::published, registry);
        return pools.pools().get(0);
    }

    private void published(MarketEvent e) {
        topics.add(e.topic().toString());
        if (e instanceof Kline k) {
            klines.add(new Got(System.currentTimeMillis(), k));
        } else if (e instanceof Trade) {
            lastTradeAt.put(e.symbol(), System.currentTimeMillis());
        } else if (e instanceof BookSnapshot) {
            bookSnapshots.incrementAndGet();
        } else if (e instanceof BookDelta) {
            lastBookDeltaAt.put(e.symbol(), System.currentTimeMillis());
        }
    }

    private List<String> symbols() {
        return PoolFixture.symbols(sim, Venue.OKX);
    }

    /** True when the venue's 1m candle of {@code symbol} was published at or after {@code t}. */
    private boolean venueCandleSince(long t, String symbol) {
        return klines.stream().anyMatch(g -> g.at() >= t && g.kline().symbol().equals(symbol)
                && g.kline().interval() == Interval.M1);
    }

    private List<Kline> klines(Interval interval) {
        return klines.stream().map(Got::kline).filter(k -> k.interval() == interval).toList();
    }

    @Test
    @Timeout(90)
    void candlesComeFromTheBusinessEndpointWhileTradesAndBooksFlowFromPublic() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        FeedPool pool = start(b -> b.endpoint("business", null, 2, 2), registry);
        await().atMost(Duration.ofSeconds(30)).until(pool::ready);

        assertThat(pool.endpoints()).extracting(EndpointConfig::name).containsExactly("public", "business");
        List<ConnectionView> views = pool.views();
        assertThat(views).filteredOn(v -> v.endpoint().equals("public")).hasSize(2).allSatisfy(v -> {
            assertThat(v.name()).matches("okx-\\d");
            assertThat(v.url()).endsWith("/ws/v5/public");
        });
        assertThat(views).filteredOn(v -> v.endpoint().equals("business")).hasSize(2).allSatisfy(v -> {
            assertThat(v.name()).matches("okx-business-\\d");
            assertThat(v.url()).endsWith("/ws/v5/business");
        });
        // every symbol on one connection of each endpoint
        for (String endpoint : List.of("public", "business")) {
            assertThat(views.stream().filter(v -> v.endpoint().equals(endpoint))
                    .flatMap(v -> v.symbols().stream()).toList()).containsExactlyInAnyOrderElementsOf(symbols());
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> symbols().stream().allMatch(s ->
                topics.contains("okx." + s + ".kline.1m") && topics.contains("okx." + s + ".trade")
                        && topics.contains("okx." + s + ".book") && topics.contains("okx." + s + ".kline.5m")));
        // the 1m candles are the venue's (decoded from candle1m pushes: no trade count), the 5m ones built here
        assertThat(klines(Interval.M1)).isNotEmpty().allSatisfy(k -> assertThat(k.trades()).isZero());
        assertThat(klines(Interval.M5)).isNotEmpty().allSatisfy(k -> assertThat(k.trades()).isPositive());
        // two sockets deliver the same symbol, one per endpoint: neither is taken for a duplicate of the other
        assertThat(pool.processor().duplicates()).isZero();
        assertThat(pool.rejectedSubscriptions()).isZero();

        // metrics: connections per endpoint; per-connection gauges tagged with it (refreshed every 5 s)
        for (String endpoint : List.of("public", "business")) {
            assertThat(registry.get("tickgate.feed.connections").tags("venue", "okx", "endpoint", endpoint, "state",
                    "up").gauge().value()).isEqualTo(2.0);
        }
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(registry
                .find("tickgate.feed.connection.health").tags("endpoint", "business").gauges()).hasSize(2));
    }

    @Test
    @Timeout(60)
    void theConnectionAttemptBudgetIsTheVenuesAcrossEndpoints() {
        // OKX limits connection requests per IP, whatever the endpoint: one budget for both pools
        FeedPool pool = start(b -> b.connectLimit(1, 120_000).connections(1, 1).endpoint("business", null, 1, 1),
                null);
        await().atMost(Duration.ofSeconds(20)).until(() -> pool.views().stream()
                .anyMatch(v -> v.state().equals("up")));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(pool.views())
                .extracting(ConnectionView::state).containsExactlyInAnyOrder("up", "backoff"));
        assertThat(pool.connectAttempts()).isEqualTo(1);
        assertThat(sim.controls(Venue.OKX).connectAttemptsSeen()).isEqualTo(1);
    }

    @Test
    @Timeout(90)
    void aReconnectOfTheBusinessSocketsLeavesTheBooksAlone() {
        FeedPool pool = start(b -> b.connections(1, 1).endpoint("business", null, 1, 1), null);
        await().atMost(Duration.ofSeconds(30)).until(() -> pool.ready() && symbols().stream().allMatch(s ->
                topics.contains("okx." + s + ".kline.1m") && topics.contains("okx." + s + ".book")));
        int snapshotsBefore = bookSnapshots.get();
        long resyncsBefore = pool.processor().bookCounters().resyncs();
        assertThat(snapshotsBefore).isGreaterThanOrEqualTo(symbols().size());

        int closed = 0;
        for (VenueConnection c : sim.controls(Venue.OKX).connections()) {
            if (c.subscriptions().stream().anyMatch(k -> k.startsWith("candle1m"))) {
                c.close(1001, "going away");
                closed++;
            }
        }
        assertThat(closed).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> pool.ready() && pool.views().stream()
                .anyMatch(v -> v.endpoint().equals("business") && v.reconnects() == 1));
        // candles from the new business socket (processed after it took the symbols over) ...
        long t = System.currentTimeMillis();
        await().atMost(Duration.ofSeconds(30)).until(() -> symbols().stream().allMatch(s -> venueCandleSince(t, s)));
        // ... and after them the books keep being updated from the public socket, never started over
        long t2 = System.currentTimeMillis();
        await().atMost(Duration.ofSeconds(30)).until(() -> symbols().stream().allMatch(s ->
                lastBookDeltaAt.getOrDefault(s, 0L) >= t2 && lastTradeAt.getOrDefault(s, 0L) >= t2));

        assertThat(pool.views()).filteredOn(v -> v.endpoint().equals("public"))
                .allSatisfy(v -> assertThat(v.reconnects()).isZero());
        assertThat(bookSnapshots.get()).as("no book started over").isEqualTo(snapshotsBefore);
        assertThat(pool.processor().bookCounters().resyncs()).isEqualTo(resyncsBefore);
        assertThat(pool.processor().duplicates()).isZero();
    }

    @Test
    @Timeout(90)
    void candlesSubscribedOnThePublicUrlAreRefusedAsOkxDoesWhileEverythingElseFlows() {
        // a misconfiguration: the business endpoint pointed at /ws/v5/public
        FeedPool pool = start(b -> b.endpoint("business", "ws://127.0.0.1:" + sim.port(Venue.OKX) + "/ws/v5/public",
                1, 1), null);
        await().atMost(Duration.ofSeconds(30)).until(() -> pool.rejectedSubscriptions() == symbols().size());
        long t = System.currentTimeMillis();
        await().atMost(Duration.ofSeconds(30)).until(() -> symbols().stream()
                .allMatch(s -> lastTradeAt.getOrDefault(s, 0L) >= t && topics.contains("okx." + s + ".book")));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(pool.views()).filteredOn(v -> v.endpoint().equals("business")).singleElement()
                    .satisfies(v -> {
                        assertThat(v.rejected()).containsExactlyInAnyOrderElementsOf(symbols());
                        assertThat(v.symbols()).isEmpty();
                    });
            assertThat(pool.views()).filteredOn(v -> v.endpoint().equals("public")).hasSize(2)
                    .allSatisfy(v -> assertThat(v.rejected()).isEmpty());
        });
        assertThat(topics).noneMatch(topic -> topic.endsWith(".kline.1m"));
    }
}
