package io.tickgate.feed.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickgate.feed.FeedPools;
import io.tickgate.feed.pool.ConnectionView;
import io.tickgate.feed.pool.FeedPool;
import io.tickgate.feed.pool.PoolConfig;
import io.tickgate.feed.replay.CaptureSnapshotSource;
import io.tickgate.feed.replay.ReplaySummary;
import io.tickgate.feed.replay.Replayer;
import io.tickgate.model.book.OrderBook;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.PriceLevel;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Interval;
import io.tickgate.model.venue.Venue;
import io.tickgate.simulator.instrument.Instrument;
import io.tickgate.simulator.venue.VenueSimulator;
import io.tickgate.simulator.venue.VenueSimulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Record → replay round trip (issue 12): both simulated venues are recorded through the live pool (two sockets each)
 * while the live pipeline publishes; the recording replayed through the pipeline publishes the same books (every
 * level), the same trades on the same seqs and the same final candles.
 *
 * <p>The simulated venues' clock runs 1.5 s ahead of ours (as a real venue's may): a trade then always reaches the
 * processor before our clock passes the end of its candle, so no trade is "late" on either side by a race between the
 * live processor's 250 ms tick and the socket. Candles the live processor closed on its clock after the last trade
 * (the recording has no frame that late) are not compared; every candle a later trade closed is.
 */
@Timeout(90)
class RecordReplayRoundTripTest {

    private static final Set<String> BOOK_KINDS = Set.of("BookSnapshot", "BookDelta");

    @Test
    void aRecordingReplaysToTheBooksTradesAndCandlesTheLivePipelinePublished(@TempDir Path dir) throws Exception {
        Map<Venue, List<MarketEvent>> live = new ConcurrentHashMap<>();
        List<PoolConfig> configs = new ArrayList<>();
        Recording recording = Recording.start(dir, 65_536);
        VenueSimulator sim = VenueSimulator.start(VenueSimulatorConfig.builder().seed(11).symbolsPerSource(3)
                .eventsPerSecond(900).marketClock(() -> System.currentTimeMillis() + 1_500).build());
        FeedPools pools;
        try {
            configs.add(PoolConfig.builder(Venue.BINANCE).url("ws://127.0.0.1:" + sim.port(Venue.BINANCE))
                    .restUrl("http://127.0.0.1:" + sim.port(Venue.BINANCE)).symbols(symbols(sim, Venue.BINANCE))
                    .connections(2, 2).snapshots(100, 50, 100).build());
            configs.add(PoolConfig.builder(Venue.OKX).url("ws://127.0.0.1:" + sim.port(Venue.OKX) + "/ws/v5/public")
                    .symbols(symbols(sim, Venue.OKX)).connections(2, 2).build());
            for (PoolConfig c : configs) {
                live.put(c.venue(), new CopyOnWriteArrayList<>());
            }
            pools = new FeedPools(configs, 2, e -> live.get(Venue.of(e.source())).add(e), null,
                    c -> recording.venue(c.venue(), "symbols=" + String.join(",", c.symbols())));
        } catch (RuntimeException e) {
            sim.close();
            recording.close();
            throw e;
        }
        try {
            await().atMost(Duration.ofSeconds(30)).until(pools::ready);
            // every book synced and a few candles closed by trades
            await().atMost(Duration.ofSeconds(40)).until(() -> configs.stream().allMatch(c ->
                    closedBy(live.get(c.venue()), Interval.S1) >= 3 * c.symbols().size()
                            && synced(live.get(c.venue())) >= c.symbols().size()));
            sim.close(); // no frame after this
            await().atMost(Duration.ofSeconds(10)).until(() -> pools.views().stream()
                    .map(ConnectionView::state).noneMatch(s -> s.equals("up") || s.equals("subscribing")));
            for (FeedPool p : pools.pools()) { // everything the sockets handed over is processed
                CountDownLatch done = new CountDownLatch(1);
                p.processor().execute(done::countDown);
                assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pools.close();
            sim.close();
        }
        Map<Venue, List<MarketEvent>> published = new HashMap<>();
        live.forEach((v, list) -> published.put(v, List.copyOf(list)));
        recording.close();
        assertThat(recording.failure()).isNull();
        recording.stats().values().forEach(s -> assertThat(s.dropped()).isZero());
        assertThat(recording.stats().get(Venue.BINANCE).snapshots()).isPositive();

        for (PoolConfig c : configs) {
            Venue venue = c.venue();
            Path rest = Recording.restFile(dir, venue);
            List<MarketEvent> replayed = new ArrayList<>();
            Replayer replayer = new Replayer(venue, FeedPool.processorConfig(c),
                    Files.exists(rest) ? CaptureSnapshotSource.read(rest, venue) : null, null, replayed::add);
            ReplaySummary summary = replayer.replay(Recording.framesFile(dir, venue));
            List<MarketEvent> livePublished = published.get(venue);

            List<String> lines = Files.readAllLines(Recording.framesFile(dir, venue));
            assertThat(lines.get(0)).startsWith("# tickgate recording v1 venue=" + venue.source());
            assertThat(lines).filteredOn(l -> l.startsWith("@own ")).isNotEmpty();
            assertThat(lines.stream().filter(l -> l.startsWith("@socket ")).distinct().count())
                    .as("frames from both sockets").isGreaterThanOrEqualTo(2);
            assertThat(summary.malformed()).as(venue + " malformed").isZero();
            assertThat(summary.frames()).isEqualTo(recording.stats().get(venue).frames());
            Map<String, List<String>> liveBooks = books(livePublished);
            assertThat(liveBooks).as(venue + " books").hasSize(c.symbols().size());
            assertThat(books(replayed)).as(venue + " books, every level").isEqualTo(liveBooks);
            assertThat(trades(replayed)).as(venue + " trades").isEqualTo(trades(livePublished));
            trades(livePublished).forEach((topic, ids) ->
                    assertThat(summary.topics().get(topic)).as(topic + " seq").isEqualTo((long) ids.size()));
            Map<String, List<String>> liveCandles = closedCandles(livePublished, livePublished);
            assertThat(liveCandles.entrySet().stream().filter(t -> t.getKey().endsWith(".kline.1s"))
                    .mapToInt(t -> t.getValue().size()).sum()).as(venue + " closed 1s candles compared").isGreaterThanOrEqualTo(2 * c.symbols().size());
            assertThat(closedCandles(replayed, livePublished)).as(venue + " closed candles").isEqualTo(liveCandles);
        }
    }

    private static List<String> symbols(VenueSimulator sim, Venue venue) {
        return sim.symbols(venue).stream().map(Instrument::symbol).toList();
    }

    private static long closedBy(List<MarketEvent> events, Interval interval) {
        return events.stream().filter(e -> e instanceof Kline k && k.closed() && k.interval() == interval).count();
    }

    private static long synced(List<MarketEvent> events) {
        return events.stream().filter(e -> e instanceof BookSnapshot).map(MarketEvent::symbol).distinct().count();
    }

    /** Each book topic rebuilt from what was published (snapshots, deltas), as "side price size" lines. */
    private static Map<String, List<String>> books(List<MarketEvent> events) {
        Map<String, OrderBook> books = new TreeMap<>();
        for (MarketEvent e : events) {
            if (!BOOK_KINDS.contains(e.getClass().getSimpleName())) {
                continue;
            }
            OrderBook b = books.computeIfAbsent(e.topic().toString(), t -> new OrderBook(e.source(), e.symbol()));
            if (e instanceof BookSnapshot s) {
                b.replace(s);
            } else {
                b.apply((BookDelta) e);
            }
        }
        Map<String, List<String>> out = new TreeMap<>();
        books.forEach((topic, b) -> {
            List<String> levels = new ArrayList<>();
            for (PriceLevel l : b.bids(Integer.MAX_VALUE)) {
                levels.add("bid " + l.price() + " " + l.size());
            }
            for (PriceLevel l : b.asks(Integer.MAX_VALUE)) {
                levels.add("ask " + l.price() + " " + l.size());
            }
            out.put(topic, levels);
        });
        return out;
    }

    private static Map<String, List<String>> trades(List<MarketEvent> events) {
        Map<String, List<String>> out = new TreeMap<>();
        for (MarketEvent e : events) {
            if (e instanceof Trade t) {
                out.computeIfAbsent(e.topic().toString(), k -> new ArrayList<>())
                        .add(t.tradeId() + " " + t.price() + " " + t.quantity());
            }
        }
        return out;
    }

    /**
     * Final candles per topic in publishing order, those a later trade of their symbol closed (in {@code live}:
     * the same trades on both sides), as "interval openTime o h l c volume trades".
     */
    private static Map<String, List<String>> closedCandles(List<MarketEvent> events, List<MarketEvent> live) {
        Map<String, Long> lastTrade = new HashMap<>();
        for (MarketEvent e : live) {
            if (e instanceof Trade t) {
                lastTrade.merge(e.symbol(), t.timestamp(), Math::max);
            }
        }
        Map<String, List<String>> out = new TreeMap<>();
        for (MarketEvent e : events) {
            if (e instanceof Kline k && k.closed()
                    && k.openTime() + k.interval().millis() <= lastTrade.getOrDefault(k.symbol(), Long.MIN_VALUE)) {
                out.computeIfAbsent(e.topic().toString(), t -> new ArrayList<>()).add(k.interval().label() + " "
                        + k.openTime() + " " + k.open() + " " + k.high() + " " + k.low() + " " + k.close() + " "
                        + k.volume().toBigDecimal().stripTrailingZeros().toPlainString() + " " + k.trades());
            }
        }
        return out;
    }
}
