package io.tickgate.feed.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.tickgate.feed.venue.Venues;
import io.tickgate.model.event.Trade;
import io.tickgate.model.event.TradeIds;
import io.tickgate.model.venue.Venue;
import io.tickgate.processing.book.SnapshotPacer;
import io.tickgate.simulator.venue.VenueSimulator;
import io.tickgate.simulator.venue.VenueSimulatorConfig;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A long Binance hole (10,000 aggregated trades, 10 pages) fetched from the venue simulator's REST history through the
 * pool's default REST pacing (burst 20, 5/s): page after page, and several pages at a time; both give every id of the
 * hole, the same trades. The times are printed (docs/benchmarks.md), not asserted.
 */
class ConcurrentPagesSimulatorTest {

    private static final int HOLE = 10_000;

    @Test
    @Timeout(90)
    void aLongHoleFetchedSeveralPagesAtATimeGivesEveryTradeOfIt() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (VenueSimulator sim = VenueSimulator.start(VenueSimulatorConfig.builder().seed(5).symbolsPerSource(1)
                .eventsPerSecond(20_000).tradeHistorySize(100_000).build())) {
            String symbol = sim.symbols(Venue.BINANCE).get(0).symbol();
            TradeHistory rest = Venues.adapter(Venue.BINANCE).tradeHistory("http://127.0.0.1:"
                    + sim.port(Venue.BINANCE), group, null);
            // the simulator has traded by now (right after its start its history can still be empty)
            await().atMost(Duration.ofSeconds(30)).until(() -> !rest.page(symbol, true, 0, Long.MAX_VALUE)
                    .get(10, TimeUnit.SECONDS).isEmpty());
            long first = TradeIds.parse(rest.page(symbol, true, 0, Long.MAX_VALUE).get(10, TimeUnit.SECONDS).get(0)
                    .tradeId());
            long last = first + HOLE - 1;
            await().atMost(Duration.ofSeconds(60)).until(() -> !rest.page(symbol, true, last, last)
                    .get(10, TimeUnit.SECONDS).isEmpty());

            NavigableMap<Long, Trade> serial = timed("one page after the other", fetch(new PacedTradeHistory(
                    serial(rest), new SnapshotPacer(new SnapshotPacer.Config(20, 5), scheduler, System::nanoTime)),
                    symbol, first, last));
            NavigableMap<Long, Trade> concurrent = timed(ConcurrentPages.IN_FLIGHT + " pages at a time",
                    fetch(new PacedTradeHistory(rest, new SnapshotPacer(new SnapshotPacer.Config(20, 5), scheduler,
                            System::nanoTime)), symbol, first, last));

            assertThat(concurrent).hasSize(HOLE);
            assertThat(concurrent.firstKey()).isEqualTo(first);
            assertThat(concurrent.lastKey()).isEqualTo(last);
            assertThat(concurrent).isEqualTo(serial);
        } finally {
            scheduler.shutdownNow();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    private static Timed fetch(TradeHistory history, String symbol, long from, long to) {
        long start = System.nanoTime();
        return new Timed(ConcurrentPages.fetch(history, symbol, true, from, to, () -> false), start);
    }

    private static NavigableMap<Long, Trade> timed(String how, Timed t) throws Exception {
        NavigableMap<Long, Trade> found = t.result.get(60, TimeUnit.SECONDS);
        System.out.printf(Locale.ROOT, "binance aggTrade hole of %,d trades, %s: %.0f ms%n", HOLE, how,
                (System.nanoTime() - t.startNanos) / 1e6);
        return found;
    }

    private record Timed(CompletableFuture<NavigableMap<Long, Trade>> result, long startNanos) {
    }

    /** The same history without its page size: its holes are fetched one page after the other. */
    private static TradeHistory serial(TradeHistory h) {
        return new TradeHistory() {
            @Override
            public Paging paging() {
                return h.paging();
            }

            @Override
            public boolean covers(boolean aggregated) {
                return h.covers(aggregated);
            }

            @Override
            public CompletableFuture<List<Trade>> page(String symbol, boolean aggregated, long fromId, long toId) {
                return h.page(symbol, aggregated, fromId, toId);
            }
        };
    }
}
