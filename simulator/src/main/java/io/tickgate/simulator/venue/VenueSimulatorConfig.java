package io.tickgate.simulator.venue;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Immutable configuration of a {@link VenueSimulator}. Build with {@link #builder()}; every setting has a default
 * that matches the real venue (DESIGN §2) where there is one.
 */
public final class VenueSimulatorConfig {

    private final String host;
    private final int binancePort;
    private final int okxPort;
    private final long seed;
    private final int eventsPerSecond;
    private final int symbolsPerSource;
    private final long connectionLifetimeMillis;
    private final long shutdownNoticeMillis;
    private final long pingIntervalMillis;
    private final long pongTimeoutMillis;
    private final int maxIncomingMessagesPerSecond;
    private final int maxStreamsPerConnection;
    private final int binanceConnectAttempts;
    private final long binanceConnectWindowMillis;
    private final int okxConnectAttempts;
    private final long okxConnectWindowMillis;
    private final long okxIdleTimeoutMillis;
    private final int okxSubscribeRequestsPerHour;
    private final long okxBookHeartbeatMillis;
    private final LongSupplier marketClock;

    private VenueSimulatorConfig(Builder b) {
        host = b.host;
        binancePort = b.binancePort;
        okxPort = b.okxPort;
        seed = b.seed;
        eventsPerSecond = b.eventsPerSecond;
        symbolsPerSource = b.symbolsPerSource;
        connectionLifetimeMillis = b.connectionLifetimeMillis;
        shutdownNoticeMillis = b.shutdownNoticeMillis;
        pingIntervalMillis = b.pingIntervalMillis;
        pongTimeoutMillis = b.pongTimeoutMillis;
        maxIncomingMessagesPerSecond = b.maxIncomingMessagesPerSecond;
        maxStreamsPerConnection = b.maxStreamsPerConnection;
        binanceConnectAttempts = b.binanceConnectAttempts;
        binanceConnectWindowMillis = b.binanceConnectWindowMillis;
        okxConnectAttempts = b.okxConnectAttempts;
        okxConnectWindowMillis = b.okxConnectWindowMillis;
        okxIdleTimeoutMillis = b.okxIdleTimeoutMillis;
        okxSubscribeRequestsPerHour = b.okxSubscribeRequestsPerHour;
        okxBookHeartbeatMillis = b.okxBookHeartbeatMillis;
        marketClock = b.marketClock;
    }

    /**
     * The clock (epoch ms) the market engines stamp events with, i.e. the venue's clock. Default the wall clock; a
     * test can run the venue's clock ahead of or behind the local one, as real venues' clocks are.
     */
    public LongSupplier marketClock() {
        return marketClock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Bind address. Default {@code 127.0.0.1}. */
    public String host() {
        return host;
    }

    /** Port of the Binance server (WebSocket, REST depth, admin); 0 picks a free port. Default 0. */
    public int binancePort() {
        return binancePort;
    }

    /** Port of the OKX server (WebSocket, admin); 0 picks a free port. Default 0. */
    public int okxPort() {
        return okxPort;
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

    /** Binance: a connection is closed after this long (announced by {@code serverShutdown}). Default 24 h. */
    public long connectionLifetimeMillis() {
        return connectionLifetimeMillis;
    }

    /** Binance: how long before the lifetime ends {@code serverShutdown} is sent (at most half the lifetime). Default 10 s. */
    public long shutdownNoticeMillis() {
        return shutdownNoticeMillis;
    }

    /** Binance: server ping period. Default 20 s. */
    public long pingIntervalMillis() {
        return pingIntervalMillis;
    }

    /** Binance: a connection without a pong for this long is closed. Default 60 s. */
    public long pongTimeoutMillis() {
        return pongTimeoutMillis;
    }

    /** Binance: incoming frames (text, ping, pong) per second per connection; more closes it with 1008. Default 5. */
    public int maxIncomingMessagesPerSecond() {
        return maxIncomingMessagesPerSecond;
    }

    /** Binance: streams per connection. Default 1024. */
    public int maxStreamsPerConnection() {
        return maxStreamsPerConnection;
    }

    /** Binance: connection attempts per window before HTTP 429. Default 300. */
    public int binanceConnectAttempts() {
        return binanceConnectAttempts;
    }

    /** Binance: the connection attempt window. Default 5 min. */
    public long binanceConnectWindowMillis() {
        return binanceConnectWindowMillis;
    }

    /** OKX: connection attempts per window before HTTP 429. Default 3. */
    public int okxConnectAttempts() {
        return okxConnectAttempts;
    }

    /** OKX: the connection attempt window. Default 1 s. */
    public long okxConnectWindowMillis() {
        return okxConnectWindowMillis;
    }

    /** OKX: a connection that was sent nothing for this long is closed. Default 30 s. */
    public long okxIdleTimeoutMillis() {
        return okxIdleTimeoutMillis;
    }

    /** OKX: subscribe/unsubscribe requests per connection per hour before 60014. Default 480. */
    public int okxSubscribeRequestsPerHour() {
        return okxSubscribeRequestsPerHour;
    }

    /** OKX: a {@code books} subscription without changes for this long gets an empty heartbeat update. Default 5 s. */
    public long okxBookHeartbeatMillis() {
        return okxBookHeartbeatMillis;
    }

    /** Validating builder of {@link VenueSimulatorConfig}. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int binancePort;
        private int okxPort;
        private long seed = 1;
        private int eventsPerSecond = 2000;
        private int symbolsPerSource = 60;
        private long connectionLifetimeMillis = 24 * 3_600_000L;
        private long shutdownNoticeMillis = 10_000;
        private long pingIntervalMillis = 20_000;
        private long pongTimeoutMillis = 60_000;
        private int maxIncomingMessagesPerSecond = 5;
        private int maxStreamsPerConnection = 1024;
        private int binanceConnectAttempts = 300;
        private long binanceConnectWindowMillis = 300_000;
        private int okxConnectAttempts = 3;
        private long okxConnectWindowMillis = 1000;
        private long okxIdleTimeoutMillis = 30_000;
        private int okxSubscribeRequestsPerHour = 480;
        private long okxBookHeartbeatMillis = 5000;
        private LongSupplier marketClock = System::currentTimeMillis;

        private Builder() {
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

        public Builder binancePort(int port) {
            this.binancePort = port(port);
            return this;
        }

        public Builder okxPort(int port) {
            this.okxPort = port(port);
            return this;
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

        /** 1 up to {@link io.tickgate.simulator.instrument.InstrumentCatalog#maxPerVenue()}. */
        public Builder symbolsPerSource(int symbolsPerSource) {
            int max = io.tickgate.simulator.instrument.InstrumentCatalog.maxPerVenue();
            if (symbolsPerSource < 1 || symbolsPerSource > max) {
                throw new IllegalArgumentException("symbolsPerSource must be 1.." + max + ": " + symbolsPerSource);
            }
            this.symbolsPerSource = symbolsPerSource;
            return this;
        }

        public Builder connectionLifetimeMillis(long millis) {
            this.connectionLifetimeMillis = positive(millis, "connectionLifetimeMillis");
            return this;
        }

        public Builder shutdownNoticeMillis(long millis) {
            this.shutdownNoticeMillis = positive(millis, "shutdownNoticeMillis");
            return this;
        }

        public Builder pingIntervalMillis(long millis) {
            this.pingIntervalMillis = positive(millis, "pingIntervalMillis");
            return this;
        }

        public Builder pongTimeoutMillis(long millis) {
            this.pongTimeoutMillis = positive(millis, "pongTimeoutMillis");
            return this;
        }

        public Builder maxIncomingMessagesPerSecond(int n) {
            this.maxIncomingMessagesPerSecond = positive(n, "maxIncomingMessagesPerSecond");
            return this;
        }

        public Builder maxStreamsPerConnection(int n) {
            this.maxStreamsPerConnection = positive(n, "maxStreamsPerConnection");
            return this;
        }

        public Builder binanceConnectLimit(int attempts, long windowMillis) {
            this.binanceConnectAttempts = positive(attempts, "attempts");
            this.binanceConnectWindowMillis = positive(windowMillis, "windowMillis");
            return this;
        }

        public Builder okxConnectLimit(int attempts, long windowMillis) {
            this.okxConnectAttempts = positive(attempts, "attempts");
            this.okxConnectWindowMillis = positive(windowMillis, "windowMillis");
            return this;
        }

        public Builder okxIdleTimeoutMillis(long millis) {
            this.okxIdleTimeoutMillis = positive(millis, "okxIdleTimeoutMillis");
            return this;
        }

        public Builder okxSubscribeRequestsPerHour(int n) {
            this.okxSubscribeRequestsPerHour = positive(n, "okxSubscribeRequestsPerHour");
            return this;
        }

        public Builder okxBookHeartbeatMillis(long millis) {
            this.okxBookHeartbeatMillis = positive(millis, "okxBookHeartbeatMillis");
            return this;
        }

        public VenueSimulatorConfig build() {
            return new VenueSimulatorConfig(this);
        }

        private static int port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535: " + port);
            }
            return port;
        }

        private static int positive(int v, String name) {
            if (v <= 0) {
                throw new IllegalArgumentException(name + " must be positive: " + v);
            }
            return v;
        }

        private static long positive(long v, String name) {
            if (v <= 0) {
                throw new IllegalArgumentException(name + " must be positive: " + v);
            }
            return v;
        }
    }
}
