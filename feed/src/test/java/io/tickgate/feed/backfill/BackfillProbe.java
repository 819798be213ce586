package io.tickgate.feed.backfill;

import io.tickgate.feed.FeedPools;
import io.tickgate.feed.pool.FeedPool;
import io.tickgate.feed.pool.PoolConfig;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.venue.Venue;
import io.tickgate.simulator.instrument.Instrument;
import io.tickgate.simulator.venue.VenueSimulator;
import io.tickgate.simulator.venue.VenueSimulatorConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Backfill time against the venue simulator (docs/benchmarks.md): one symbol per venue, the pools at their default
 * REST pacing; every connection is stalled long enough to miss at least the asked number of trades per topic, then
 * the time from the end of the stall until every hole is filled is measured, per venue, and scaled to 10,000 trades.
 * Arguments: binance channel ({@code aggTrade} or {@code trade}), stall ms, simulator events per second. Not a test.
 */
public final class BackfillProbe {

    private BackfillProbe() {
    }

    public static void main(String[] args) throws Exception {
        String binanceChannel = args.length > 0 ? args[0] : "aggTrade";
        long stallMillis = args.length > 1 ? Long.parseLong(args[1]) : 3000;
        int eventsPerSecond = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        Consumer<MarketEvent> discard = e -> { };
        try (VenueSimulator sim = VenueSimulator.start(VenueSimulatorConfig.builder().seed(3).symbolsPerSource(1)
                .eventsPerSecond(eventsPerSecond).tradeHistorySize(200_000).build());
             FeedPools pools = new FeedPools(List.of(
                     PoolConfig.builder(Venue.BINANCE).url("ws://127.0.0.1:" + sim.port(Venue.BINANCE))
                             .restUrl("http://127.0.0.1:" + sim.port(Venue.BINANCE)).symbols(symbols(sim, Venue.BINANCE))
                             .channels(List.of(binanceChannel)).connections(1, 1).build(),
                     PoolConfig.builder(Venue.OKX).url("ws://127.0.0.1:" + sim.port(Venue.OKX) + "/ws/v5/public")
                             .restUrl("http://127.0.0.1:" + sim.port(Venue.OKX)).symbols(symbols(sim, Venue.OKX))
                             .channels(List.of("trades")).connections(1, 1).build()), 2, discard, null)) {
            long deadline = System.currentTimeMillis() + 30_000;
            while (!pools.ready() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(2000);
            List<Long> before = new ArrayList<>();
            for (FeedPool p : pools.pools()) {
                before.add(p.processor().backfillCounters().backfilled());
            }
            sim.faults().stall(0, stallMillis);
            Thread.sleep(stallMillis);
            long stallEnded = System.nanoTime();
            for (int i = 0; i < pools.pools().size(); i++) {
                FeedPool p = pools.pools().get(i);
                BackfillCounters c = p.processor().backfillCounters();
                long done;
                while (true) { // the hole opens with the first live trade after the stall, then runs
                    if (c.backfilled() > before.get(i) && p.processor().backfillsRunning() == 0) {
                        done = System.nanoTime();
                        break;
                    }
                    if (System.nanoTime() - stallEnded > 120_000_000_000L) {
                        throw new IllegalStateException(p.venue() + ": no backfill finished within 120 s");
                    }
                    Thread.sleep(5);
                }
                long trades = c.backfilled() - before.get(i);
                double ms = (done - stallEnded) / 1e6;
                System.out.printf(Locale.ROOT, "%s %s: %d trades backfilled in %.0f ms after the stall (%.0f ms per"
                                + " 10,000; last hole held its topic %d ms; unrecoverable %d)%n", p.venue().source(),
                        p.venue() == Venue.BINANCE ? binanceChannel : "trades", trades, ms, ms * 10_000 / trades,
                        c.lastBackfillMillis(), c.unrecoverable());
            }
        }
    }

    private static List<String> symbols(VenueSimulator sim, Venue venue) {
        List<String> out = new ArrayList<>();
        for (Instrument i : sim.symbols(venue)) {
            out.add(i.symbol());
        }
        return out;
    }
}
