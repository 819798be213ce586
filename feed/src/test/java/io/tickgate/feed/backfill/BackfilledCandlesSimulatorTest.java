package io.tickgate.feed.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickgate.feed.FeedPools;
import io.tickgate.feed.pool.FeedPool;
import io.tickgate.feed.pool.PoolConfig;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Interval;
import io.tickgate.model.venue.Venue;
import io.tickgate.simulator.instrument.Instrument;
import io.tickgate.simulator.venue.VenueSimulator;
import io.tickgate.simulator.venue.VenueSimulatorConfig;
import io.tickgate.simulator.venue.fault.DropMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real sockets against the venue simulator: every upstream connection is stalled, then cut, so no connection
 * delivers for several candle intervals; once the hole is backfilled, every 1s candle of the symbol is on its
 * {@code kline.1s} topic, closed, in open-time order, and each counts exactly the trades of its second that the trade
 * topic carries (live and backfilled alike): no candle of the vacancy is missing or short. (The candle the clock
 * closed while the upstream was silent is published closed again, amended, before the next one.)
 */
class BackfilledCandlesSimulatorTest {

    @Test
    @Timeout(90)
    void everyCandleOfAVacancyIsPublishedWithTheBackfilledTrades() throws Exception {
        Tape tape = new Tape();
        try (VenueSimulator sim = VenueSimulator.start(VenueSimulatorConfig.builder().seed(11).symbolsPerSource(1)
                .eventsPerSecond(400).build()); FeedPools pools = pools(sim, tape)) {
            String symbol = sim.symbols(Venue.BINANCE).get(0).symbol();
            await().atMost(Duration.ofSeconds(30)).until(() -> pools.ready() && tape.closed(symbol) >= 2);
            long vacancyFrom = System.currentTimeMillis();
            sim.faults().stall(0, 3_500); // nothing reaches tickgate for 3.5 s
            Thread.sleep(3_000);
            sim.faults().drop(0, DropMode.RST); // then the connection is cut, too
            long vacancyTo = System.currentTimeMillis() + 500;
            await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ofMillis(500)).until(() -> pools.ready()
                    && pools.pools().stream().allMatch(p -> p.processor().backfillsRunning() == 0)
                    && tape.closedAfter(symbol, vacancyTo + 2_000));
            for (FeedPool p : pools.pools()) {
                assertThat(p.processor().backfillCounters().backfilled()).as("trades backfilled").isPositive();
            }
            assertThat(tape.problems(symbol, vacancyFrom - 1_000, vacancyTo + 1_000)).isEmpty();
        }
    }

    private static FeedPools pools(VenueSimulator sim, Tape tape) {
        List<String> symbols = new ArrayList<>();
        for (Instrument i : sim.symbols(Venue.BINANCE)) {
            symbols.add(i.symbol());
        }
        PoolConfig binance = PoolConfig.builder(Venue.BINANCE).url("ws://127.0.0.1:" + sim.port(Venue.BINANCE))
                .restUrl("http://127.0.0.1:" + sim.port(Venue.BINANCE)).symbols(symbols)
                .channels(List.of("trade")).klineIntervals(List.of("1s")).connections(1, 1).backoff(200, 1000)
                .build();
        return new FeedPools(List.of(binance), 1, tape, null);
    }

    /** The trades and closed 1s candles published, per symbol. */
    private static final class Tape implements Consumer<MarketEvent> {
        private final Map<String, List<Trade>> trades = new TreeMap<>();
        private final Map<String, List<Kline>> closed = new TreeMap<>();

        @Override
        public synchronized void accept(MarketEvent e) {
            if (e instanceof Trade t) {
                trades.computeIfAbsent(t.symbol(), k -> new ArrayList<>()).add(t);
            } else if (e instanceof Kline k && k.closed() && k.interval() == Interval.S1) {
                closed.computeIfAbsent(k.symbol(), s -> new ArrayList<>()).add(k);
            }
        }

        synchronized int closed(String symbol) {
            return closed.getOrDefault(symbol, List.of()).size();
        }

        synchronized boolean closedAfter(String symbol, long millis) {
            List<Kline> c = closed.getOrDefault(symbol, List.of());
            return !c.isEmpty() && c.get(c.size() - 1).openTime() >= millis;
        }

        /**
         * Over {@code from..to}: per second with trades on the trade topic, one closed candle counting exactly them;
         * no closed candle out of open-time order.
         */
        synchronized List<String> problems(String symbol, long from, long to) {
            Map<Long, Long> counted = new TreeMap<>();
            for (Trade t : trades.get(symbol)) {
                counted.merge(Interval.S1.floor(t.timestamp()), 1L, Long::sum);
            }
            Map<Long, Kline> candles = new TreeMap<>();
            List<String> out = new ArrayList<>();
            long last = Long.MIN_VALUE;
            for (Kline k : closed.get(symbol)) {
                if (k.openTime() < last) { // the same again: the clock's close amended by the backfill
                    out.add("candle " + k.openTime() + " closed after " + last);
                }
                last = Math.max(last, k.openTime());
                candles.put(k.openTime(), k);
            }
            for (long s = Interval.S1.floor(from); s <= to; s += 1_000) {
                Long n = counted.get(s);
                Kline k = candles.get(s);
                if (n != null && k == null) {
                    out.add("no candle " + s + " (" + n + " trades)");
                } else if (n != null && k.trades() != n) {
                    out.add("candle " + s + ": " + k.trades() + " trades, the topic has " + n);
                }
            }
            return out;
        }
    }
}
