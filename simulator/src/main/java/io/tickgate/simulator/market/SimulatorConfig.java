package io.tickgate.simulator.market;

import io.tickgate.model.venue.Venue;
import io.tickgate.simulator.instrument.InstrumentCatalog;
import io.tickgate.simulator.instrument.SymbolFormat;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Immutable configuration of a {@link MarketSimulator}. Build with {@link #builder()}; every setting has a default.
 */
public final class SimulatorConfig {

    private final long seed;
    private final long marketSeed;
    private final long epochMillis;
    private final int symbolsPerSource;
    private final int eventsPerSecond;
    private final Map<Venue, SymbolFormat> venues;
    private final int bookDepth;
    private final long tickMillis;
    private final long tickerIntervalMillis;
    private final long tickerWindowMillis;
    private final LongSupplier clock;
    private final int fixedHotSymbols;

    private SimulatorConfig(Builder b) {
        this.seed = b.seed;
        this.marketSeed = b.marketSeed == null ? b.seed : b.marketSeed;
        this.epochMillis = b.epochMillis;
        this.symbolsPerSource = b.symbolsPerSource;
        this.eventsPerSecond = b.eventsPerSecond;
        this.venues = Collections.unmodifiableMap(new LinkedHashMap<>(b.venues));
        this.bookDepth = b.bookDepth;
        this.tickMillis = b.tickMillis;
        this.tickerIntervalMillis = b.tickerIntervalMillis;
        this.tickerWindowMillis = b.tickerWindowMillis;
        this.clock = b.clock;
        this.fixedHotSymbols = b.fixedHotSymbols;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Random seed; the same seed and the same steps give the same events. Default 1. */
    public long seed() {
        return seed;
    }

    /**
     * Seed of the fair values (the prices every venue follows). Engines of different venues that share it and the
     * {@link #epochMillis()} quote the same pair at the same prices, up to each venue's small basis. Default the
     * {@link #seed()}.
     */
    public long marketSeed() {
        return marketSeed;
    }

    /**
     * The anchor (epoch ms) of the fair values' 100 ms time grid; {@link Long#MIN_VALUE} (default): the time of the
     * first step. Engines that should move together share it.
     */
    public long epochMillis() {
        return epochMillis;
    }

    /** Instruments per venue. Default 60. */
    public int symbolsPerSource() {
        return symbolsPerSource;
    }

    /** Target rate of published events, all symbols together, when driven by the own thread. Default 2000. */
    public int eventsPerSecond() {
        return eventsPerSecond;
    }

    /** The simulated venues, in order, each with how it spells a symbol. No default: at least one is required. */
    public Map<Venue, SymbolFormat> venues() {
        return venues;
    }

    /** Price levels per book side the engine keeps around mid (the snapshot holds all of them). Default 50. */
    public int bookDepth() {
        return bookDepth;
    }

    /** Period of the driver thread: it generates a small batch every tick. Default 10 ms. */
    public long tickMillis() {
        return tickMillis;
    }

    /** Minimum time between two tickers of one symbol. Default 1000 ms. */
    public long tickerIntervalMillis() {
        return tickerIntervalMillis;
    }

    /** Length of the rolling ticker window. Default 24 h. */
    public long tickerWindowMillis() {
        return tickerWindowMillis;
    }

    /** Wall clock (epoch ms) used by the driver thread for event times. Default {@code System::currentTimeMillis}. */
    public LongSupplier clock() {
        return clock;
    }

    /**
     * Activity regimes: -1 (default) lets symbols heat up and calm down at random, so one symbol's trade rate changes
     * about twenty-fold now and then, as a real market's does; n ≥ 0 fixes them for the whole run, with n symbols
     * (chosen by the seed) hot and the others calm, for tests that need each symbol's rate to stay put.
     */
    public int fixedHotSymbols() {
        return fixedHotSymbols;
    }

    /** Validating builder of {@link SimulatorConfig}. */
    public static final class Builder {
        private long seed = 1;
        private Long marketSeed;
        private long epochMillis = Long.MIN_VALUE;
        private int symbolsPerSource = 60;
        private int eventsPerSecond = 2000;
        private final Map<Venue, SymbolFormat> venues = new LinkedHashMap<>();
        private int bookDepth = 50;
        private long tickMillis = 10;
        private long tickerIntervalMillis = 1000;
        private long tickerWindowMillis = 24 * 3_600_000L;
        private LongSupplier clock = System::currentTimeMillis;
        private int fixedHotSymbols = -1;

        private Builder() {
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** See {@link SimulatorConfig#marketSeed()}. */
        public Builder marketSeed(long marketSeed) {
            this.marketSeed = marketSeed;
            return this;
        }

        /** See {@link SimulatorConfig#epochMillis()}. */
        public Builder epochMillis(long epochMillis) {
            this.epochMillis = epochMillis;
            return this;
        }

        /** 1 up to {@link InstrumentCatalog#maxPerVenue()}. */
        public Builder symbolsPerSource(int symbolsPerSource) {
            int max = InstrumentCatalog.maxPerVenue();
            if (symbolsPerSource < 1 || symbolsPerSource > max) {
                throw new IllegalArgumentException("symbolsPerSource must be 1.." + max + ": " + symbolsPerSource);
            }
            this.symbolsPerSource = symbolsPerSource;
            return this;
        }

        /** 1 up to 2,000,000. */
        public Builder eventsPerSecond(int eventsPerSecond) {
            if (eventsPerSecond < 1 || eventsPerSecond > 2_000_000) {
                throw new IllegalArgumentException("eventsPerSecond must be 1..2000000: " + eventsPerSecond);
            }
            this.eventsPerSecond = eventsPerSecond;
            return this;
        }

        /** Adds a venue, listing its instruments spelled by {@code format}; venues are simulated in this order. */
        public Builder venue(Venue venue, SymbolFormat format) {
            venues.put(Objects.requireNonNull(venue, "venue"), Objects.requireNonNull(format, "format"));
            return this;
        }

        /** 5 up to 1000. */
        public Builder bookDepth(int bookDepth) {
            if (bookDepth < 5 || bookDepth > 1000) {
                throw new IllegalArgumentException("bookDepth must be 5..1000: " + bookDepth);
            }
            this.bookDepth = bookDepth;
            return this;
        }

        /** 1 up to 1000 ms. */
        public Builder tickMillis(long tickMillis) {
            if (tickMillis < 1 || tickMillis > 1000) {
                throw new IllegalArgumentException("tickMillis must be 1..1000: " + tickMillis);
            }
            this.tickMillis = tickMillis;
            return this;
        }

        /** At least 1 ms. */
        public Builder tickerIntervalMillis(long tickerIntervalMillis) {
            if (tickerIntervalMillis < 1) {
                throw new IllegalArgumentException("tickerIntervalMillis must be positive: " + tickerIntervalMillis);
            }
            this.tickerIntervalMillis = tickerIntervalMillis;
            return this;
        }

        /** At least one minute. */
        public Builder tickerWindowMillis(long tickerWindowMillis) {
            if (tickerWindowMillis < 60_000) {
                throw new IllegalArgumentException("tickerWindowMillis must be >= 60000: " + tickerWindowMillis);
            }
            this.tickerWindowMillis = tickerWindowMillis;
            return this;
        }

        /** See {@link SimulatorConfig#fixedHotSymbols()}: -1 (switching regimes) or 0 up to the symbols per venue. */
        public Builder fixedHotSymbols(int hotSymbols) {
            if (hotSymbols < -1) {
                throw new IllegalArgumentException("fixedHotSymbols must be -1 (switching) or >= 0: " + hotSymbols);
            }
            this.fixedHotSymbols = hotSymbols;
            return this;
        }

        public Builder clock(LongSupplier clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @throws IllegalArgumentException if no venue was added */
        public SimulatorConfig build() {
            if (venues.isEmpty()) {
                throw new IllegalArgumentException("a simulated market needs at least one venue");
            }
            return new SimulatorConfig(this);
        }
    }
}
