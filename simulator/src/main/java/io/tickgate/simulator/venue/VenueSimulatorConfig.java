package io.tickgate.simulator.venue;

import io.tickgate.model.venue.Venue;
import io.tickgate.simulator.instrument.InstrumentCatalog;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Immutable configuration of a {@link VenueSimulator}: the settings every venue shares (bind address, seed, event
 * rate, instruments) and, per venue, the settings it declares ({@link SimulatedVenue#defaults()}: port, connection
 * limits, its own timers), which default to the real venue's (DESIGN §2) where there is one. Build with
 * {@link #builder()}; every setting has a default.
 */
public final class VenueSimulatorConfig {

    private final String host;
    private final long seed;
    private final int eventsPerSecond;
    private final int symbolsPerSource;
    private final Map<Venue, Map<String, Long>> venues;
    private final LongSupplier marketClock;
    private final int fixedHotSymbols;

    private VenueSimulatorConfig(Builder b) {
        host = b.host;
        seed = b.seed;
        eventsPerSecond = b.eventsPerSecond;
        symbolsPerSource = b.symbolsPerSource;
        Map<Venue, Map<String, Long>> copy = new LinkedHashMap<>();
        b.venues.forEach((v, s) -> copy.put(v, Collections.unmodifiableMap(new LinkedHashMap<>(s))));
        venues = Collections.unmodifiableMap(copy);
        marketClock = b.marketClock;
        fixedHotSymbols = b.fixedHotSymbols;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The clock (epoch ms) the market engines stamp events with, i.e. the venues' clock. Default the wall clock; a
     * test can run the venues' clock ahead of or behind the local one, as real venues' clocks are.
     */
    public LongSupplier marketClock() {
        return marketClock;
    }

    /**
     * Every venue engine's activity regimes (see {@code SimulatorConfig#fixedHotSymbols()}): -1 (default) switching
     * at random, n ≥ 0 fixed for the run with n hot symbols per venue.
     */
    public int fixedHotSymbols() {
        return fixedHotSymbols;
    }

    /** Bind address. Default {@code 127.0.0.1}. */
    public String host() {
        return host;
    }

    /** Seed of the market engines and of fault target selection. Default 1. */
    public long seed() {
        return seed;
    }

    /** Event rate of each venue's market engine. Default 2000. */
    public int eventsPerSecond() {
        return eventsPerSecond;
    }

    /** Instruments per venue. Default 60. */
    public int symbolsPerSource() {
        return symbolsPerSource;
    }

    /** The configured per-venue settings (only those set; the venue's defaults fill in the rest). */
    public Map<Venue, Map<String, Long>> venues() {
        return venues;
    }

    /**
     * A simulated venue's settings: its defaults with the configured values over them.
     *
     * @throws IllegalArgumentException if a configured setting is unknown to the venue or out of range
     */
    public VenueSettings settings(SimulatedVenue venue) {
        return VenueSettings.resolve(venue.venue(), venue.defaults(),
                venues.getOrDefault(venue.venue(), Map.of()));
    }

    /** Validating builder of {@link VenueSimulatorConfig}. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private long seed = 1;
        private int eventsPerSecond = 2000;
        private int symbolsPerSource = 60;
        private final Map<Venue, Map<String, Long>> venues = new LinkedHashMap<>();
        private LongSupplier marketClock = System::currentTimeMillis;
        private int fixedHotSymbols = -1;

        private Builder() {
        }

        /** See {@link VenueSimulatorConfig#fixedHotSymbols()}. */
        public Builder fixedHotSymbols(int hotSymbols) {
            if (hotSymbols < -1) {
                throw new IllegalArgumentException("fixedHotSymbols must be -1 (switching) or >= 0: " + hotSymbols);
            }
            this.fixedHotSymbols = hotSymbols;
            return this;
        }

        /** See {@link VenueSimulatorConfig#marketClock()}. */
        public Builder marketClock(LongSupplier clock) {
            this.marketClock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * Sets one of a venue's settings ({@code simulator.venues.<venue>.<setting>}), e.g. its
         * {@link VenueSettings#PORT}.
         *
         * @throws IllegalArgumentException if no simulated venue has that name, the venue has no such setting, or the
         *                                  value is out of range
         */
        public Builder venue(Venue venue, String setting, long value) {
            SimulatedVenue sv = SimulatedVenues.of(Objects.requireNonNull(venue, "venue"));
            VenueSettings.resolve(venue, sv.defaults(), Map.of(Objects.requireNonNull(setting, "setting"), value));
            venues.computeIfAbsent(venue, v -> new LinkedHashMap<>()).put(setting, value);
            return this;
        }

        /**
         * How many trades per symbol every simulated venue keeps for its REST trade history (the backfill endpoints;
         * {@link VenueSettings#TRADE_HISTORY_SIZE}, default 10,000); a venue's own setting given after this wins.
         */
        public Builder tradeHistorySize(int trades) {
            for (SimulatedVenue sv : SimulatedVenues.all()) {
                venue(sv.venue(), VenueSettings.TRADE_HISTORY_SIZE, trades);
            }
            return this;
        }

        /** Sets a venue's port (0: a free one). */
        public Builder port(Venue venue, int port) {
            return venue(venue, VenueSettings.PORT, port);
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** 1 up to 2,000,000 per venue. */
        public Builder eventsPerSecond(int eventsPerSecond) {
            if (eventsPerSecond < 1 || eventsPerSecond > 2_000_000) {
                throw new IllegalArgumentException("eventsPerSecond must be 1..2000000: " + eventsPerSecond);
            }
            this.eventsPerSecond = eventsPerSecond;
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

        public VenueSimulatorConfig build() {
            return new VenueSimulatorConfig(this);
        }
    }
}
