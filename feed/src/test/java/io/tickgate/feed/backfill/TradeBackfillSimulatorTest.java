package io.tickgate.feed.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickgate.feed.FeedPools;
import io.tickgate.feed.pool.FeedPool;
import io.tickgate.feed.pool.PoolConfig;
import io.tickgate.model.event.GapReason;
import io.tickgate.model.event.TradeGap;
import io.tickgate.model.venue.Venue;
import io.tickgate.simulator.instrument.Instrument;
import io.tickgate.simulator.venue.VenueSimulator;
import io.tickgate.simulator.venue.VenueSimulatorConfig;
import io.tickgate.simulator.venue.fault.DropMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real sockets against the venue simulator, both venues, raw and aggregated trades: every upstream connection is
 * cut (TCP reset and close frame) and stalled several times. With the venue's REST history long enough, every trade
 * topic shows each venue id exactly once, consecutively, with no gap notice; with the history shortened below the
 * outages, each hole that could not be filled is announced by a gap notice that names exactly the missing ids.
 */
class TradeBackfillSimulatorTest {

    private static final int SYMBOLS = 3;

    @Test
    @Timeout(90)
    void cutsAndStallsLoseNoTradeWhenTheHistoryReachesBack() throws Exception {
        TopicTape tape = new TopicTape();
        try (VenueSimulator sim = simulator(); FeedPools pools = pools(sim, tape)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> pools.ready() && everyTopicTrades(sim, tape));
            outages(sim, pools, 5);
            awaitSettled(pools);

            Map<String, List<Object>> seen = tape.copy();
            assertThat(seen).hasSize(SYMBOLS * 3); // binance trade + aggTrade, okx trade
            List<String> problems = new ArrayList<>();
            seen.forEach((topic, items) -> problems.addAll(TopicTape.problems(topic, items)));
            assertThat(problems).isEmpty();
            assertThat(tape.gaps()).isEmpty();
            for (FeedPool p : pools.pools()) {
                assertThat(p.reconnects()).as(p.venue() + " reconnects").isGreaterThanOrEqualTo(5);
                assertThat(p.processor().backfillCounters().backfilled()).as(p.venue() + " trades backfilled")
                        .isPositive();
                assertThat(p.processor().backfillCounters().unrecoverable()).isZero();
            }
        }
    }

    @Test
    @Timeout(90)
    void holesOlderThanTheHistoryAreAnnouncedExactly() throws Exception {
        TopicTape tape = new TopicTape();
        try (VenueSimulator sim = simulator(); FeedPools pools = pools(sim, tape)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> pools.ready() && everyTopicTrades(sim, tape));
            sim.faults().tradeHistory(2);
            outages(sim, pools, 3);
            awaitSettled(pools);

            Map<String, List<Object>> seen = tape.copy();
            List<String> problems = new ArrayList<>();
            seen.forEach((topic, items) -> problems.addAll(TopicTape.problems(topic, items)));
            assertThat(problems).isEmpty();
            List<TradeGap> gaps = tape.gaps();
            assertThat(gaps).isNotEmpty();
            assertThat(gaps).extracting(TradeGap::reason).containsOnly(GapReason.HISTORY);
            assertThat(gaps).extracting(g -> g.source()).contains("binance", "okx");
            long announced = gaps.stream().mapToLong(g -> Long.parseLong(g.toId()) - Long.parseLong(g.fromId()) + 1)
                    .sum();
            long counted = pools.pools().stream()
                    .mapToLong(p -> p.processor().backfillCounters().unrecoverable()).sum();
            assertThat(counted).isEqualTo(announced);
        }
    }

    private static VenueSimulator simulator() {
        return VenueSimulator.start(VenueSimulatorConfig.builder().seed(7).symbolsPerSource(SYMBOLS)
                .eventsPerSecond(1500).build());
    }

    /** Both venues' pools, publishing into {@code tape}; fast reconnects so outages are short. */
    private static FeedPools pools(VenueSimulator sim, TopicTape tape) {
        PoolConfig binance = PoolConfig.builder(Venue.BINANCE).url("ws://127.0.0.1:" + sim.port(Venue.BINANCE))
                .restUrl("http://127.0.0.1:" + sim.port(Venue.BINANCE)).symbols(symbols(sim, Venue.BINANCE))
                .channels(List.of("trade", "aggTrade", "depth@100ms")).connections(1, 2).backoff(200, 1000)
                .snapshots(100, 50, 100).build();
        PoolConfig okx = PoolConfig.builder(Venue.OKX).url("ws://127.0.0.1:" + sim.port(Venue.OKX) + "/ws/v5/public")
                .restUrl("http://127.0.0.1:" + sim.port(Venue.OKX)).symbols(symbols(sim, Venue.OKX))
                .channels(List.of("trades", "books")).connections(1, 2).backoff(200, 1000).build();
        return new FeedPools(List.of(binance, okx), 2, tape, null);
    }

    /**
     * Cuts every connection of both venues, then stalls them, {@code times} times; each cut waits until every
     * connection is up again (on a loaded machine a reconnect can outlast the pause, and a cut then hits nothing).
     */
    private static void outages(VenueSimulator sim, FeedPools pools, int times) throws InterruptedException {
        for (int i = 0; i < times; i++) {
            await().atMost(Duration.ofSeconds(20)).until(pools::ready);
            sim.faults().drop(0, i % 2 == 0 ? DropMode.RST : DropMode.CLOSE);
            Thread.sleep(1200);
            sim.faults().stall(0, 300);
            Thread.sleep(600);
        }
    }

    /** Reconnected and no backfill running (live trades flowing again). */
    private static void awaitSettled(FeedPools pools) {
        await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ofMillis(1500)).until(() -> pools.ready()
                && pools.pools().stream().allMatch(p -> p.processor().backfillsRunning() == 0));
    }

    private static boolean everyTopicTrades(VenueSimulator sim, TopicTape tape) {
        for (String s : symbols(sim, Venue.BINANCE)) {
            if (tape.trades("binance." + s + ".trade") == 0 || tape.trades("binance." + s + ".aggTrade") == 0) {
                return false;
            }
        }
        for (String s : symbols(sim, Venue.OKX)) {
            if (tape.trades("okx." + s + ".trade") == 0) {
                return false;
            }
        }
        return true;
    }

    private static List<String> symbols(VenueSimulator sim, Venue venue) {
        List<String> out = new ArrayList<>();
        for (Instrument i : sim.symbols(venue)) {
            out.add(i.symbol());
        }
        return out;
    }
}
