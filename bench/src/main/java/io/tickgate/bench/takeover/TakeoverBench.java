package io.tickgate.bench.takeover;

import io.tickgate.feed.pool.PoolConfig;
import io.tickgate.model.venue.Venue;
import io.tickgate.simulator.venue.SimulatedVenue;
import io.tickgate.simulator.venue.SimulatedVenues;
import io.tickgate.simulator.venue.VenueSimulator;
import io.tickgate.simulator.venue.VenueSimulatorConfig;
import io.tickgate.simulator.instrument.Instrument;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@link TakeoverRound}s without and with hot standby against one venue simulator and prints each round and the
 * medians. The machine's load is printed too: on a shared machine the times move with it.
 */
public final class TakeoverBench {

    private final int rounds;
    private final long leaseTtlMillis;
    private final int rate;
    private final long warmMillis;

    public TakeoverBench(int rounds, long leaseTtlMillis, int rate, long warmMillis) {
        this.rounds = rounds;
        this.leaseTtlMillis = leaseTtlMillis;
        this.rate = rate;
        this.warmMillis = warmMillis;
    }

    /** Measures and prints; 0 on success. */
    public int run(PrintStream out) throws Exception {
        VenueSimulatorConfig.Builder b = VenueSimulatorConfig.builder().host("127.0.0.1").seed(7).symbolsPerSource(4)
                .eventsPerSecond(rate).tradeHistorySize(100_000);
        for (SimulatedVenue v : SimulatedVenues.all()) {
            b.port(v.venue(), 0);
        }
        try (VenueSimulator sim = VenueSimulator.start(b.build())) {
            PoolConfig venue = binance(sim);
            out.printf("takeover: binance %s, %d events/s, 4 shards on 2 nodes, lease TTL %d ms, %s%n",
                    venue.symbols(), rate, leaseTtlMillis, load());
            for (boolean standby : new boolean[] {false, true}) {
                List<Double> all = new ArrayList<>();
                List<Double> vacant = new ArrayList<>();
                for (int r = 1; r <= rounds; r++) {
                    TakeoverRound t = TakeoverRound.run(venue, standby, leaseTtlMillis, warmMillis);
                    all.addAll(t.killToFirstMillis());
                    vacant.add(t.vacantToFirstMillis());
                    out.printf("  %-10s round %d: kill -> first event %s ms; lease end -> first event (mean) %.0f ms;"
                            + " REST backfilled %d, from standby buffer %d trades%n", standby ? "standby" : "no standby",
                            r, t.killToFirstMillis().stream().map(x -> String.format("%.0f", x)).toList(),
                            t.vacantToFirstMillis(), t.backfilled(), t.supplied());
                }
                out.printf("%-10s median kill -> first event %.0f ms (max %.0f), median lease end -> first event %.0f"
                        + " ms; %s%n", standby ? "standby" : "no standby", median(all),
                        all.stream().mapToDouble(Double::doubleValue).max().orElse(0), median(vacant), load());
            }
        }
        return 0;
    }

    private static PoolConfig binance(VenueSimulator sim) {
        List<String> symbols = new ArrayList<>();
        for (Instrument i : sim.symbols(Venue.BINANCE)) {
            symbols.add(i.symbol());
        }
        String port = Integer.toString(sim.port(Venue.BINANCE));
        return PoolConfig.builder(Venue.BINANCE).url("ws://127.0.0.1:" + port).restUrl("http://127.0.0.1:" + port)
                .symbols(symbols).channels(List.of("trade", "depth@100ms")).connections(1, 1)
                .snapshots(100, 50, 100).build();
    }

    private static double median(List<Double> xs) {
        List<Double> s = xs.stream().sorted().toList();
        return s.isEmpty() ? 0 : s.get(s.size() / 2);
    }

    private static String load() {
        try {
            return "load average " + Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "load average unknown";
        }
    }
}
