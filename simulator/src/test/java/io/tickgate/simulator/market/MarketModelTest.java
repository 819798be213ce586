package io.tickgate.simulator.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickgate.model.book.OrderBook;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.PriceLevel;
import io.tickgate.model.event.Trade;
import io.tickgate.model.venue.Venue;
import io.tickgate.simulator.instrument.Instrument;
import io.tickgate.simulator.instrument.SymbolFormat;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The simulated market looks like a market (issue 14): statistical properties over stretches of simulated time
 * (stepped by hand, no wall clock), for fixed seeds. Two engines are wired as the venue simulator wires them: each its
 * own seed, one market seed and epoch.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MarketModelTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final int MINUTES = 30;
    private static final int SECONDS = MINUTES * 60;

    /** Per venue: BTC's mid each simulated second, trades per second, and problems seen in the books. */
    private static final Map<Venue, double[]> MIDS = new HashMap<>();
    private static final Map<Venue, int[]> TRADES = new HashMap<>();
    private static final List<String> PROBLEMS = new ArrayList<>();
    private static final List<double[]> SIZE_BY_LEVEL = new ArrayList<>();

    @BeforeAll
    static void simulateHalfAnHour() {
        Map<Venue, MarketSimulator> sims = new HashMap<>();
        Map<Venue, Map<String, OrderBook>> books = new HashMap<>();
        long[] now = {T0};
        for (Venue venue : List.of(Venue.BINANCE, Venue.OKX)) {
            SymbolFormat format = venue.equals(Venue.OKX) ? SymbolFormat.separated("-") : SymbolFormat.CONCATENATED;
            SimulatorConfig config = SimulatorConfig.builder().seed(venue.equals(Venue.OKX) ? 2 : 1).marketSeed(42)
                    .epochMillis(T0).symbolsPerSource(4).venue(venue, format).build();
            MIDS.put(venue, new double[SECONDS]);
            TRADES.put(venue, new int[SECONDS]);
            Map<String, OrderBook> own = new HashMap<>();
            books.put(venue, own);
            sims.put(venue, new MarketSimulator(config, track(venue, own, now)));
        }
        for (int step = 0; step < SECONDS * 10; step++) {
            now[0] = T0 + step * 100L;
            for (Venue venue : sims.keySet()) {
                sims.get(venue).step(now[0], 6);
            }
            if (step % 10 == 9) {
                int second = step / 10;
                for (Venue venue : sims.keySet()) {
                    OrderBook btc = books.get(venue).get(venue.equals(Venue.OKX) ? "BTC-USDT" : "BTCUSDT");
                    MIDS.get(venue)[second] = (price(btc.bestBid()) + price(btc.bestAsk())) / 2;
                    for (Instrument i : sims.get(venue).symbols()) {
                        checkShape(venue + " " + i.symbol(), books.get(venue).get(i.symbol()),
                                i.tickSize().toBigDecimal());
                    }
                }
            }
        }
        sims.values().forEach(MarketSimulator::close);
    }

    private static Consumer<MarketEvent> track(Venue venue, Map<String, OrderBook> books, long[] now) {
        return e -> {
            if (e instanceof BookSnapshot s) {
                OrderBook b = new OrderBook(s.source(), s.symbol());
                b.replace(s);
                books.put(s.symbol(), b);
            } else if (e instanceof BookDelta d) {
                books.get(d.symbol()).apply(d);
            } else if (e instanceof Trade t && t.symbol().replace("-", "").equals("BTCUSDT")) {
                TRADES.get(venue)[(int) ((now[0] - T0) / 1000)]++;
            }
        };
    }

    private static void checkShape(String name, OrderBook book, BigDecimal tick) {
        if (book.isCrossed()) {
            PROBLEMS.add("crossed " + name);
        }
        for (boolean bid : new boolean[] {true, false}) {
            List<PriceLevel> levels = bid ? book.bids(50) : book.asks(50);
            if (levels.size() < 50) {
                PROBLEMS.add(name + " has " + levels.size() + " levels");
                continue;
            }
            double[] sizes = new double[levels.size()];
            for (int i = 0; i < levels.size(); i++) {
                sizes[i] = levels.get(i).size().toBigDecimal().doubleValue();
                if (i > 0 && i < BookShaper.DENSE_LEVELS) {
                    BigDecimal gap = levels.get(i).price().toBigDecimal()
                            .subtract(levels.get(i - 1).price().toBigDecimal()).abs();
                    if (gap.compareTo(tick) != 0) {
                        PROBLEMS.add(name + " hole at level " + i + ": " + levels.get(i - 1) + " " + levels.get(i));
                    }
                }
            }
            if (name.endsWith("BTCUSDT")) {
                SIZE_BY_LEVEL.add(sizes);
            }
        }
    }

    private static double price(PriceLevel level) {
        return level.price().toBigDecimal().doubleValue();
    }

    @Test
    void btcRangesOverSevenMinutesArePlausibleAndVolatilityVariesBetweenWindows() {
        double[] mids = MIDS.get(Venue.BINANCE);
        for (int w = 0; w + 420 <= SECONDS; w += 60) {
            double[] part = Arrays.copyOfRange(mids, w, w + 420);
            double range = (max(part) - min(part)) / part[0];
            assertThat(range).as("BTC range over the 7 minutes from second " + w).isBetween(0.0005, 0.03);
        }
        double lowest = Double.MAX_VALUE;
        double highest = 0;
        for (int w = 0; w + 300 <= SECONDS; w += 300) {
            double vol = realizedVol(mids, w, w + 300);
            lowest = Math.min(lowest, vol);
            highest = Math.max(highest, vol);
        }
        assertThat(highest / lowest).as("realized volatility of the calmest and the most agitated 5 minutes")
                .isGreaterThan(1.5);
    }

    @Test
    void venuesQuoteOneInstrumentCloseToEachOtherWithADifferenceThatRevertsToZero() {
        double[] b = MIDS.get(Venue.BINANCE);
        double[] o = MIDS.get(Venue.OKX);
        double[] d = new double[SECONDS];
        double sumAbs = 0;
        double sum = 0;
        for (int i = 0; i < SECONDS; i++) {
            d[i] = (b[i] - o[i]) / b[i];
            sumAbs += Math.abs(d[i]);
            sum += d[i];
        }
        assertThat(Arrays.stream(d).map(Math::abs).max().orElseThrow()).as("largest difference").isLessThan(5e-4);
        assertThat(sumAbs / SECONDS).as("mean absolute difference").isLessThan(1.5e-4);
        assertThat(Math.abs(sum / SECONDS)).as("mean difference").isLessThan(0.5e-4);
        assertThat(autocorrelation(d, 60)).as("a difference a minute apart: mean-reverting, not a walk")
                .isLessThan(0.5);
        double[] rb = returns(b, 10);
        double[] ro = returns(o, 10);
        assertThat(correlation(rb, ro)).as("10 s returns of the two venues").isGreaterThan(0.9);
    }

    @Test
    void booksAreNeverCrossedHaveNoHolesNearTheTopAndGrowWithDistance() {
        assertThat(PROBLEMS).isEmpty();
        double[] mean = new double[50];
        for (double[] sizes : SIZE_BY_LEVEL) {
            for (int i = 0; i < 50; i++) {
                mean[i] += sizes[i] / SIZE_BY_LEVEL.size();
            }
        }
        assertThat(SIZE_BY_LEVEL).hasSizeGreaterThan(SECONDS);
        assertThat(mean[15] + mean[16] + mean[17] + mean[18] + mean[19])
                .isGreaterThan(2 * (mean[0] + mean[1] + mean[2] + mean[3] + mean[4]));
        assertThat(mean[45]).isGreaterThan(mean[20]);
    }

    @Test
    void tradesComeInClusters() {
        int[] perSecond = TRADES.get(Venue.BINANCE);
        double mean = Arrays.stream(perSecond).average().orElseThrow();
        double variance = Arrays.stream(perSecond).mapToDouble(x -> (x - mean) * (x - mean)).sum() / SECONDS;
        assertThat(mean).isGreaterThan(1);
        assertThat(variance / mean).as("index of dispersion of trades per second (Poisson: 1)").isGreaterThan(3);
    }

    @Test
    void theFairValueHasVolatilityRegimesAndJumps() {
        FairValue fair = new FairValue(7, "BTC/USDT", 6_500_000, T0);
        int seconds = 6 * 3600;
        double[] p = new double[seconds];
        for (int i = 0; i < seconds; i++) {
            p[i] = fair.ticks(T0 + i * 1000L);
        }
        double[] r = returns(p, 1);
        int jumps = 0;
        double lowest = Double.MAX_VALUE;
        double highest = 0;
        for (int w = 0; w + 600 <= r.length; w += 600) {
            double[] abs = Arrays.stream(Arrays.copyOfRange(r, w, w + 600)).map(Math::abs).sorted().toArray();
            double median = abs[300];
            for (double x : abs) {
                jumps += x > 8 * median ? 1 : 0;
            }
            double vol = Math.sqrt(Arrays.stream(abs).map(x -> x * x).sum() / abs.length);
            lowest = Math.min(lowest, vol);
            highest = Math.max(highest, vol);
        }
        assertThat(jumps).as("1 s moves beyond 8 times their 10 minutes' median (a normal walk: none)")
                .isBetween(10, 60);
        assertThat(highest / lowest).as("volatility of the most and least agitated 10 minutes").isGreaterThan(3);
    }

    @Test
    void theFairValuePathDoesNotDependOnHowOftenItIsRead() {
        FairValue often = new FairValue(3, "ETH/USDT", 340_000, T0);
        FairValue seldom = new FairValue(3, "ETH/USDT", 340_000, T0);
        for (int i = 0; i < 36_000; i++) {
            double a = often.ticks(T0 + i * 100L + 37);
            if (i % 97 == 0) {
                assertThat(seldom.ticks(T0 + i * 100L + 99)).isEqualTo(a);
            }
        }
        assertThat(new FairValue(3, "BTC/USDT", 340_000, T0).ticks(T0 + 60_000))
                .isNotEqualTo(often.ticks(T0 + 60_000));
    }

    private static double[] returns(double[] prices, int lag) {
        double[] out = new double[prices.length / lag - 1];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.log(prices[(i + 1) * lag] / prices[i * lag]);
        }
        return out;
    }

    private static double autocorrelation(double[] x, int lag) {
        return correlation(Arrays.copyOfRange(x, 0, x.length - lag), Arrays.copyOfRange(x, lag, x.length));
    }

    private static double correlation(double[] a, double[] b) {
        double ma = Arrays.stream(a).average().orElseThrow();
        double mb = Arrays.stream(b).average().orElseThrow();
        double cov = 0;
        double va = 0;
        double vb = 0;
        for (int i = 0; i < a.length; i++) {
            cov += (a[i] - ma) * (b[i] - mb);
            va += (a[i] - ma) * (a[i] - ma);
            vb += (b[i] - mb) * (b[i] - mb);
        }
        return cov / Math.sqrt(va * vb);
    }

    static double realizedVol(double[] mids, int from, int to) {
        double sum = 0;
        for (int i = from + 1; i < to; i++) {
            double r = Math.log(mids[i] / mids[i - 1]);
            sum += r * r;
        }
        return Math.sqrt(sum / (to - from - 1));
    }

    static double min(double[] a) {
        return Arrays.stream(a).min().orElseThrow();
    }

    static double max(double[] a) {
        return Arrays.stream(a).max().orElseThrow();
    }
}
