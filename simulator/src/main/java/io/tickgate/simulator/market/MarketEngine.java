package io.tickgate.simulator.market;

import io.tickgate.model.event.BookSnapshot;
import io.tickgate.simulator.instrument.Instrument;
import io.tickgate.simulator.instrument.InstrumentCatalog;
import io.tickgate.simulator.instrument.SymbolFormat;
import io.tickgate.model.venue.Venue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The deterministic market of all instruments. Each {@link #step(long, int)} picks symbols weighted by their
 * activity (a hot symbol is picked far more often and trades more) and lets them act; prices follow each pair's
 * {@link FairValue} in the time given, whatever the event rate. Venues listing the same pair share its fair value.
 * Activity regimes switch at random, unless the configuration fixes them. No wall clock, no threads: the caller is the single writer.
 */
final class MarketEngine {

    private static final int CALM_WEIGHT = 1;
    private static final int HOT_WEIGHT = 12;
    private static final double REGIME_SWITCH_PROBABILITY = 1.0 / 500;
    private static final double HEAT_UP_PROBABILITY = 0.15;

    private final SplittableRandom random;
    private final List<SymbolSimulator> symbols = new ArrayList<>();
    private final Map<String, SymbolSimulator> byKey = new HashMap<>();
    private final List<Instrument> instruments;
    private final EventEmitter out;
    private final int[] cumulativeWeight;
    private final boolean switching;
    private boolean opened;
    private long lastNow = Long.MIN_VALUE;
    private long lastSecond = Long.MIN_VALUE;
    private long lastGridStep = Long.MIN_VALUE;

    MarketEngine(SimulatorConfig config, EventEmitter out) {
        this.random = new SplittableRandom(config.seed());
        this.out = out;
        List<Instrument> all = new ArrayList<>();
        Map<String, FairValue> fairValues = new HashMap<>();
        for (Map.Entry<Venue, SymbolFormat> venue : config.venues().entrySet()) {
            for (Instrument instrument : InstrumentCatalog.forVenue(venue.getKey(), venue.getValue(),
                    config.symbolsPerSource())) {
                FairValue fair = fairValues.computeIfAbsent(instrument.base() + '/' + instrument.quote(),
                        pair -> new FairValue(config.marketSeed(), pair, instrument.startTicks(),
                                config.epochMillis()));
                SymbolSimulator s = new SymbolSimulator(instrument, fair, config, random);
                symbols.add(s);
                byKey.put(key(instrument.source(), instrument.symbol()), s);
                all.add(instrument);
            }
        }
        this.instruments = List.copyOf(all);
        this.cumulativeWeight = new int[symbols.size()];
        this.switching = config.fixedHotSymbols() < 0;
        if (!switching) {
            List<SymbolSimulator> shuffled = new ArrayList<>(symbols);
            for (int i = 0; i < Math.min(config.fixedHotSymbols(), shuffled.size()); i++) {
                int j = i + random.nextInt(shuffled.size() - i);
                SymbolSimulator picked = shuffled.get(j);
                shuffled.set(j, shuffled.get(i));
                shuffled.set(i, picked);
                picked.hot(true);
            }
        }
        reweigh();
    }

    List<Instrument> instruments() {
        return instruments;
    }

    /**
     * Generates at least {@code n} events at time {@code now} (the last action is completed, so a few more may
     * come). The first step publishes every symbol's opening snapshot first; the first step of each 100 ms lets
     * every symbol whose fair value moved away from its book act first (these count towards {@code n}; a step of 0
     * events only closes candles). Time never goes backwards: an earlier {@code now} is treated as the latest one
     * seen.
     *
     * @return the number of events published
     */
    int step(long now, int n) {
        long t = Math.max(now, lastNow);
        lastNow = t;
        long before = out.emitted();
        if (!opened) {
            opened = true;
            for (SymbolSimulator s : symbols) {
                s.open(t, out);
            }
        }
        long second = Math.floorDiv(t, 1000);
        if (second != lastSecond) {
            lastSecond = second;
            for (SymbolSimulator s : symbols) {
                s.onTime(t, out);
            }
        }
        long gridStep = Math.floorDiv(t, FairValue.STEP_MILLIS);
        if (n > 0 && gridStep != lastGridStep) {
            lastGridStep = gridStep;
            for (SymbolSimulator s : symbols) {
                if (s.lagging(t)) {
                    s.act(t, random, out);
                }
            }
        }
        while (out.emitted() - before < n) {
            if (switching && random.nextDouble() < REGIME_SWITCH_PROBABILITY) {
                switchRegime();
            }
            pick().act(t, random, out);
        }
        return (int) (out.emitted() - before);
    }

    /** The full engine book of a symbol, or null if there is no such symbol. */
    BookSnapshot book(String source, String symbol) {
        SymbolSimulator s = byKey.get(key(source, symbol));
        return s == null ? null : s.snapshot();
    }

    /**
     * Puts one of this engine's {@link #instruments()} into the hot or the calm regime from the next step on (with
     * switching regimes a later random switch may change it again).
     */
    void heat(Instrument instrument, boolean hot) {
        byKey.get(key(instrument.source(), instrument.symbol())).hot(hot);
        reweigh();
    }

    private void switchRegime() {
        SymbolSimulator s = symbols.get(random.nextInt(symbols.size()));
        if (s.hot()) {
            s.hot(false);
        } else if (random.nextDouble() < HEAT_UP_PROBABILITY) {
            s.hot(true);
        } else {
            return;
        }
        reweigh();
    }

    private SymbolSimulator pick() {
        int r = random.nextInt(cumulativeWeight[cumulativeWeight.length - 1]);
        int i = Arrays.binarySearch(cumulativeWeight, r + 1);
        if (i < 0) {
            i = -i - 1;
        }
        return symbols.get(i);
    }

    private void reweigh() {
        int sum = 0;
        for (int i = 0; i < symbols.size(); i++) {
            sum += symbols.get(i).hot() ? HOT_WEIGHT : CALM_WEIGHT;
            cumulativeWeight[i] = sum;
        }
    }

    private static String key(String source, String symbol) {
        return source + '\u0000' + symbol;
    }
}
