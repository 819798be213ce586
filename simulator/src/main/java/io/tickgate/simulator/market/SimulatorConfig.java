package io.tickgate.simulator.market;

import io.tickgate.simulator.instrument.InstrumentCatalog;
import io.tickgate.model.venue.Venue;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Immutable configuration of a {@link MarketSimulator}. Build with {@link #builder()}; every setting has a default.
 */
public final class SimulatorConfig {

    private final long seed;
    private final int symbolsPerSource;
    private final int eventsPerSecond;
    private final List<Venue> venues;
    private final int bookDepth;
    private final long tickMillis;
    private final long tickerIntervalMillis;
    private final long tickerWindowMillis;
    private final LongSupplier clock;

    private SimulatorConfig(Builder b) {
        this.seed = b.seed;
        this.symbolsPerSource = b.symbolsPerSource;
        this.eventsPerSecond = b.eventsPerSecond;
        this.venues = List.copyOf(b.venues);
        this.bookDepth = b.bookDepth;
        this.tickMillis = b.tickMillis;
        this.tickerIntervalMillis = b.tickerIntervalMillis;
        this.tickerWindowMillis = b.tickerWindowMillis;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Random seed; the same seed and the same steps give the same events. Default 1. */
    public long seed() {
        return seed;
    }

    /** Instruments per venue. Default 60 (120 over the two default venues). */
    public int symbolsPerSource() {
        return symbolsPerSource;
    }

    /** Target rate of published events, all symbols together, when driven by the own thread. Default 2000. */
    public int eventsPerSecond() {
        return eventsPerSecond;
    }

    /** The simulated venues, in order. Default binance and okx. */
    public List<Venue> venues() {
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

    /** Validating builder of {@link SimulatorConfig}. */
    public static final class Builder {
        private long seed = 1;
        private int symbolsPerSource = 60;
        private int eventsPerSecond = 2000;
        private Set<Venue> venues = new LinkedHashSet<>(List.of(Venue.BINANCE, Venue.OKX));
        private int bookDepth = 50;
        private long tickMillis = 10;
        private long tickerIntervalMillis = 1000;
        private long tickerWindowMillis = 24 * 3_600_000L;
        private LongSupplier clock = System::currentTimeMillis;

        private Builder() {
        }

        public Builder seed(long seed) {
            this.seed = seed;
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

        /** At least one venue. */
        public Builder venues(Venue first, Venue... more) {
            this.venues = new LinkedHashSet<>();
            this.venues.add(Objects.requireNonNull(first, "venue"));
            this.venues.addAll(List.of(more));
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

        public Builder clock(LongSupplier clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public SimulatorConfig build() {
            return new SimulatorConfig(this);
        }
    }
}
