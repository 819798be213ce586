package io.tickgate.feed.pool;

import io.tickgate.feed.pipeline.StaleRule;
import io.tickgate.feed.venue.ConnectionSettings;
import io.tickgate.feed.venue.VenueDefaults;
import io.tickgate.feed.venue.Venues;
import io.tickgate.model.venue.Venue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The immutable configuration of one venue's connection pool. Build with {@link #builder(Venue)}, which starts from
 * the venue's defaults (documented on each setter; they follow the venue's published limits, DESIGN §2).
 */
public final class PoolConfig {

    private final Venue venue;
    private final String url;
    private final String restUrl;
    private final List<String> symbols;
    private final List<String> channels;
    private final int minConnections;
    private final int maxConnections;
    private final int virtualNodes;
    private final double loadSlack;
    private final long backoffBaseMillis;
    private final long backoffCapMillis;
    private final long stableMillis;
    private final int connectAttempts;
    private final long connectWindowMillis;
    private final int controlMessages;
    private final long controlWindowMillis;
    private final long controlRecoveryMillis;
    private final long heartbeatTimeoutMillis;
    private final long silenceMillis;
    private final long pingAfterMillis;
    private final long lifetimeMillis;
    private final int queueCapacity;
    private final int depthLimit;
    private final double snapshotsPerSecond;
    private final int snapshotBurst;
    private final double scaleUpMessagesPerSecond;
    private final double scaleDownMessagesPerSecond;
    private final long scaleCooldownMillis;
    private final long autoscaleIntervalMillis;
    private final double rebalanceTrigger;
    private final long rebalanceIntervalMillis;
    private final int maxStreamsPerConnection;
    private final long snapshotRecoveryMillis;
    private final StaleRule stale;

    private PoolConfig(Builder b) {
        venue = b.venue;
        url = Objects.requireNonNull(b.url, "url");
        restUrl = b.restUrl;
        symbols = List.copyOf(b.symbols);
        channels = List.copyOf(b.channels);
        minConnections = b.minConnections;
        maxConnections = b.maxConnections;
        virtualNodes = b.virtualNodes;
        loadSlack = b.loadSlack;
        backoffBaseMillis = b.backoffBaseMillis;
        backoffCapMillis = b.backoffCapMillis;
        stableMillis = b.stableMillis;
        connectAttempts = b.connectAttempts;
        connectWindowMillis = b.connectWindowMillis;
        controlMessages = b.controlMessages;
        controlWindowMillis = b.controlWindowMillis;
        controlRecoveryMillis = b.controlRecoveryMillis;
        heartbeatTimeoutMillis = b.heartbeatTimeoutMillis;
        silenceMillis = b.silenceMillis;
        pingAfterMillis = b.pingAfterMillis;
        lifetimeMillis = b.lifetimeMillis;
        queueCapacity = b.queueCapacity;
        depthLimit = b.depthLimit;
        snapshotsPerSecond = b.snapshotsPerSecond;
        snapshotBurst = b.snapshotBurst;
        scaleUpMessagesPerSecond = b.scaleUpMessagesPerSecond;
        scaleDownMessagesPerSecond = b.scaleDownMessagesPerSecond;
        scaleCooldownMillis = b.scaleCooldownMillis;
        autoscaleIntervalMillis = b.autoscaleIntervalMillis;
        rebalanceTrigger = b.rebalanceTrigger;
        rebalanceIntervalMillis = b.rebalanceIntervalMillis;
        maxStreamsPerConnection = b.maxStreamsPerConnection;
        snapshotRecoveryMillis = b.snapshotRecoveryMillis;
        try {
            stale = new StaleRule(b.staleFactor, b.staleMinSilenceMillis, b.staleResubscribes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(venue.source() + ": " + e.getMessage(), e);
        }
        if (rebalanceTrigger <= 1 || rebalanceIntervalMillis < 0) {
            throw new IllegalArgumentException(venue.source() + ": rebalance needs a trigger above 1 and an interval"
                    + " >= 0 (0 = off)");
        }
        if (minConnections < 1 || maxConnections < minConnections) {
            throw new IllegalArgumentException(venue.source() + ": pool size needs 1 <= min <= max, got min "
                    + minConnections + ", max " + maxConnections);
        }
        if (backoffBaseMillis < 1 || backoffCapMillis < backoffBaseMillis) {
            throw new IllegalArgumentException(venue.source() + ": backoff needs 1 <= base <= cap");
        }
        if (connectAttempts < 1 || controlMessages < 1 || connectWindowMillis < 1 || controlWindowMillis < 1) {
            throw new IllegalArgumentException(venue.source() + ": limits must be positive");
        }
        if (controlRecoveryMillis != 0 && controlRecoveryMillis < backoffCapMillis) {
            // shorter, and a socket waiting out its backoff after a 1008 would reconnect at the old budget again
            throw new IllegalArgumentException(venue.source() + ": controlRecoveryMillis must be 0 (never) or at least "
                    + "the backoff cap (" + backoffCapMillis + " ms), got " + controlRecoveryMillis);
        }
        if (channels.isEmpty()) {
            throw new IllegalArgumentException(venue.source() + ": at least one channel is needed");
        }
        Venues.adapter(venue).validate(connectionSettings());
        if (snapshotRecoveryMillis < 1) {
            throw new IllegalArgumentException(venue.source() + ": snapshotRecoveryMillis must be positive, got "
                    + snapshotRecoveryMillis);
        }
        checkStreamCap();
    }

    /**
     * The stream cap: a symbol's channels must fit on one socket, and the symbols must fit on {@code maxConnections}
     * sockets. Refused here, at start, rather than found out by the venue closing sockets.
     */
    private void checkStreamCap() {
        if (maxStreamsPerConnection < 0) {
            throw new IllegalArgumentException(venue.source() + ": maxStreamsPerConnection must be >= 0 (0 = no cap),"
                    + " got " + maxStreamsPerConnection);
        }
        if (maxStreamsPerConnection == 0) {
            return;
        }
        if (channels.size() > maxStreamsPerConnection) {
            throw new IllegalArgumentException(venue.source() + ": " + channels.size()
                    + " channels per symbol do not fit in maxStreamsPerConnection " + maxStreamsPerConnection);
        }
        int needed = connectionsForStreams();
        if (needed > maxConnections) {
            throw new IllegalArgumentException(venue.source() + ": " + symbols.size() + " symbols x " + channels.size()
                    + " channels = " + (long) symbols.size() * channels.size() + " streams need at least " + needed
                    + " connections of at most " + maxStreamsPerConnection + " streams (" + venue.source()
                    + ".maxStreamsPerConnection), but maxConnections is " + maxConnections + ": raise "
                    + venue.source() + ".maxConnections to " + needed + " or more, or configure fewer symbols or"
                    + " channels");
        }
    }

    /** A builder with the venue's defaults. */
    public static Builder builder(Venue venue) {
        return new Builder(venue);
    }

    /** The settings that shape the venue's socket protocol. */
    public ConnectionSettings connectionSettings() {
        return new ConnectionSettings(url, channels, heartbeatTimeoutMillis, pingAfterMillis, silenceMillis);
    }

    /** A builder holding this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder(venue);
        b.url = url;
        b.restUrl = restUrl;
        b.symbols = new ArrayList<>(symbols);
        b.channels = new ArrayList<>(channels);
        b.minConnections = minConnections;
        b.maxConnections = maxConnections;
        b.virtualNodes = virtualNodes;
        b.loadSlack = loadSlack;
        b.backoffBaseMillis = backoffBaseMillis;
        b.backoffCapMillis = backoffCapMillis;
        b.stableMillis = stableMillis;
        b.connectAttempts = connectAttempts;
        b.connectWindowMillis = connectWindowMillis;
        b.controlMessages = controlMessages;
        b.controlWindowMillis = controlWindowMillis;
        b.controlRecoveryMillis = controlRecoveryMillis;
        b.heartbeatTimeoutMillis = heartbeatTimeoutMillis;
        b.silenceMillis = silenceMillis;
        b.pingAfterMillis = pingAfterMillis;
        b.lifetimeMillis = lifetimeMillis;
        b.queueCapacity = queueCapacity;
        b.depthLimit = depthLimit;
        b.snapshotsPerSecond = snapshotsPerSecond;
        b.snapshotBurst = snapshotBurst;
        b.scaleUpMessagesPerSecond = scaleUpMessagesPerSecond;
        b.scaleDownMessagesPerSecond = scaleDownMessagesPerSecond;
        b.scaleCooldownMillis = scaleCooldownMillis;
        b.autoscaleIntervalMillis = autoscaleIntervalMillis;
        b.rebalanceTrigger = rebalanceTrigger;
        b.rebalanceIntervalMillis = rebalanceIntervalMillis;
        b.maxStreamsPerConnection = maxStreamsPerConnection;
        b.snapshotRecoveryMillis = snapshotRecoveryMillis;
        b.staleFactor = stale.factor();
        b.staleMinSilenceMillis = stale.minSilenceMillis();
        b.staleResubscribes = stale.resubscribes();
        return b;
    }

    public Venue venue() {
        return venue;
    }

    public String url() {
        return url;
    }

    public String restUrl() {
        return restUrl;
    }

    public List<String> symbols() {
        return symbols;
    }

    public List<String> channels() {
        return channels;
    }

    public int minConnections() {
        return minConnections;
    }

    public int maxConnections() {
        return maxConnections;
    }

    public int virtualNodes() {
        return virtualNodes;
    }

    public double loadSlack() {
        return loadSlack;
    }

    public long backoffBaseMillis() {
        return backoffBaseMillis;
    }

    public long backoffCapMillis() {
        return backoffCapMillis;
    }

    public long stableMillis() {
        return stableMillis;
    }

    public int connectAttempts() {
        return connectAttempts;
    }

    public long connectWindowMillis() {
        return connectWindowMillis;
    }

    public int controlMessages() {
        return controlMessages;
    }

    public long controlWindowMillis() {
        return controlWindowMillis;
    }

    public long controlRecoveryMillis() {
        return controlRecoveryMillis;
    }

    public long heartbeatTimeoutMillis() {
        return heartbeatTimeoutMillis;
    }

    public long silenceMillis() {
        return silenceMillis;
    }

    public long pingAfterMillis() {
        return pingAfterMillis;
    }

    public long lifetimeMillis() {
        return lifetimeMillis;
    }

    public int queueCapacity() {
        return queueCapacity;
    }

    public int depthLimit() {
        return depthLimit;
    }

    public double snapshotsPerSecond() {
        return snapshotsPerSecond;
    }

    public int snapshotBurst() {
        return snapshotBurst;
    }

    public double scaleUpMessagesPerSecond() {
        return scaleUpMessagesPerSecond;
    }

    public double scaleDownMessagesPerSecond() {
        return scaleDownMessagesPerSecond;
    }

    public long scaleCooldownMillis() {
        return scaleCooldownMillis;
    }

    public long autoscaleIntervalMillis() {
        return autoscaleIntervalMillis;
    }

    public double rebalanceTrigger() {
        return rebalanceTrigger;
    }

    public long rebalanceIntervalMillis() {
        return rebalanceIntervalMillis;
    }

    /** Streams one socket may carry (symbols × channels, URL-subscribed ones included); 0 = no cap. */
    public int maxStreamsPerConnection() {
        return maxStreamsPerConnection;
    }

    /** Symbols one connection may carry under {@link #maxStreamsPerConnection()} ({@link Integer#MAX_VALUE}: none). */
    public int maxSymbolsPerConnection() {
        return maxStreamsPerConnection == 0 ? Integer.MAX_VALUE : maxStreamsPerConnection / channels.size();
    }

    /** Connections the symbols need under the stream cap (at least 1). */
    public int connectionsForStreams() {
        if (maxStreamsPerConnection == 0 || symbols.isEmpty()) {
            return 1;
        }
        int perConnection = maxSymbolsPerConnection();
        return (symbols.size() + perConnection - 1) / perConnection;
    }

    /**
     * The fewest connections the pool keeps: {@link #minConnections()}, raised to what the stream cap needs
     * ({@link #connectionsForStreams()}; never above {@link #maxConnections()}, which the build checks).
     */
    public int requiredConnections() {
        return Math.max(minConnections, connectionsForStreams());
    }

    /**
     * After a REST {@code 429}/{@code 418} the snapshot pace is halved (quartered for a 418); it doubles back after
     * each period this long without another one, up to {@link #snapshotsPerSecond()}.
     */
    public long snapshotRecoveryMillis() {
        return snapshotRecoveryMillis;
    }

    /** When a symbol counts as stale and what is done about it (see {@link StaleRule}). */
    public StaleRule stale() {
        return stale;
    }

    /** Builder of {@link PoolConfig}; every setting starts at the venue's default. */
    public static final class Builder {
        private final Venue venue;
        private String url;
        private String restUrl;
        private List<String> symbols = new ArrayList<>();
        private List<String> channels;
        private int minConnections = 2;
        private int maxConnections = 4;
        private int virtualNodes = 128;
        private double loadSlack = 0.25;
        private long backoffBaseMillis = 1000;
        private long backoffCapMillis = 60_000;
        private long stableMillis = 30_000;
        private int connectAttempts;
        private long connectWindowMillis;
        private int controlMessages;
        private long controlWindowMillis;
        private long controlRecoveryMillis = 600_000;
        private long heartbeatTimeoutMillis;
        private long silenceMillis;
        private long pingAfterMillis = 15_000;
        private long lifetimeMillis;
        private int queueCapacity = 65_536;
        private int depthLimit = 100;
        private double snapshotsPerSecond = 5;
        private int snapshotBurst = 20;
        private double scaleUpMessagesPerSecond = 4_000;
        private double scaleDownMessagesPerSecond = 400;
        private long scaleCooldownMillis = 60_000;
        private long autoscaleIntervalMillis = 5_000;
        private double rebalanceTrigger = 1.5;
        private long rebalanceIntervalMillis = 60_000;
        private int maxStreamsPerConnection;
        private long snapshotRecoveryMillis = 60_000;
        private double staleFactor = StaleRule.defaults().factor();
        private long staleMinSilenceMillis = StaleRule.defaults().minSilenceMillis();
        private int staleResubscribes = StaleRule.defaults().resubscribes();

        private Builder(Venue venue) {
            this.venue = Objects.requireNonNull(venue, "venue");
            VenueDefaults d = Venues.adapter(venue).defaults();
            url = d.url();
            restUrl = d.restUrl();
            channels = new ArrayList<>(d.channels());
            connectAttempts = d.connectAttempts();
            connectWindowMillis = d.connectWindowMillis();
            controlMessages = d.controlMessages();
            controlWindowMillis = d.controlWindowMillis();
            heartbeatTimeoutMillis = d.heartbeatTimeoutMillis();
            silenceMillis = d.silenceMillis();
            lifetimeMillis = d.lifetimeMillis();
            maxStreamsPerConnection = d.maxStreamsPerConnection();
        }

        /** WebSocket URL: Binance {@code wss://stream.binance.com:9443}, OKX {@code wss://ws.okx.com:8443/ws/v5/public}. */
        public Builder url(String url) {
            this.url = Objects.requireNonNull(url, "url");
            return this;
        }

        /** Binance REST base for depth snapshots. Default {@code https://api.binance.com}; unused for OKX. */
        public Builder restUrl(String restUrl) {
            this.restUrl = restUrl;
            return this;
        }

        /** Symbols in the venue's spelling ({@code BTCUSDT}, {@code BTC-USDT}). */
        public Builder symbols(List<String> symbols) {
            this.symbols = new ArrayList<>(symbols);
            return this;
        }

        /** Channels per symbol. Defaults: Binance {@code trade, depth@100ms}; OKX {@code trades, books, tickers}. */
        public Builder channels(List<String> channels) {
            this.channels = new ArrayList<>(channels);
            return this;
        }

        /** Connections kept at least / at most (autoscaling moves between them). Default 2 / 4. */
        public Builder connections(int min, int max) {
            this.minConnections = min;
            this.maxConnections = max;
            return this;
        }

        /** Points per connection on the hash ring. Default 128. */
        public Builder virtualNodes(int n) {
            this.virtualNodes = n;
            return this;
        }

        /** Reconnect backoff: base (DESIGN: 1 s) and cap. Default 1 s / 60 s. */
        public Builder backoff(long baseMillis, long capMillis) {
            this.backoffBaseMillis = baseMillis;
            this.backoffCapMillis = capMillis;
            return this;
        }

        /** A connection up this long resets its backoff. Default 30 s. */
        public Builder stableMillis(long millis) {
            this.stableMillis = millis;
            return this;
        }

        /** Connection attempts per window over the whole venue. Defaults: Binance 250 / 5 min, OKX 2 / 1 s. */
        public Builder connectLimit(int attempts, long windowMillis) {
            this.connectAttempts = attempts;
            this.connectWindowMillis = windowMillis;
            return this;
        }

        /** Control messages per window per connection. Defaults: Binance 4 / 1.1 s, OKX 400 / h. */
        public Builder controlLimit(int messages, long windowMillis) {
            this.controlMessages = messages;
            this.controlWindowMillis = windowMillis;
            return this;
        }

        /**
         * After the venue closed a socket for too many messages (Binance 1008), new sockets get half the control
         * budget; after this long without another such close it doubles back (one step per period, up to the
         * configured budget; checked on the pool's autoscale tick, so up to one autoscale interval later). Sockets
         * already open keep theirs. 0 = never raise it again; otherwise at least the backoff cap, so that the socket
         * closed by the venue reconnects at the lowered budget before it rises. Default 10 min.
         */
        public Builder controlRecoveryMillis(long millis) {
            this.controlRecoveryMillis = millis;
            return this;
        }

        /** Dead thresholds: heartbeat age and message age. Defaults: Binance 60 s / 30 s, OKX 30 s / 30 s. */
        public Builder deadAfter(long heartbeatMillis, long silenceMillis) {
            this.heartbeatTimeoutMillis = heartbeatMillis;
            this.silenceMillis = silenceMillis;
            return this;
        }

        /** OKX: send {@code ping} after this long without a message. Default 15 s. */
        public Builder pingAfterMillis(long millis) {
            this.pingAfterMillis = millis;
            return this;
        }

        /**
         * The venue's connection lifetime; connections are rotated (make-before-break) at 70–80% of it, jittered.
         * Default Binance 24 h; OKX 0 (no rotation).
         */
        public Builder lifetimeMillis(long millis) {
            this.lifetimeMillis = millis;
            return this;
        }

        /** Data items the venue's processing queue holds before dropping new data. Default 65,536. */
        public Builder queueCapacity(int n) {
            this.queueCapacity = n;
            return this;
        }

        /** Binance REST snapshots: {@code limit} and pacing. Default limit 100 (weight 5), 5/s, burst 20. */
        public Builder snapshots(int depthLimit, double perSecond, int burst) {
            this.depthLimit = depthLimit;
            this.snapshotsPerSecond = perSecond;
            this.snapshotBurst = burst;
            return this;
        }

        /**
         * Autoscaling: add a connection when the average connection carries more than {@code upRate} messages/s or
         * the processing queue is over half full; remove one below {@code downRate}; at most one change per
         * cooldown. Defaults 4,000 / 400 msg/s, 60 s cooldown, checked every 5 s.
         */
        public Builder autoscale(double upRate, double downRate, long cooldownMillis, long intervalMillis) {
            this.scaleUpMessagesPerSecond = upRate;
            this.scaleDownMessagesPerSecond = downRate;
            this.scaleCooldownMillis = cooldownMillis;
            this.autoscaleIntervalMillis = intervalMillis;
            return this;
        }

        /**
         * Rebalancing by observed message rates without a resize: at most every {@code intervalMillis} (0 = off),
         * when the busiest connection carries more than {@code trigger} × the average, the fewest symbols move
         * (make-before-break) until it carries at most {@code (1 + trigger) / 2} × the average. Default 1.5, 60 s.
         */
        public Builder rebalance(double trigger, long intervalMillis) {
            this.rebalanceTrigger = trigger;
            this.rebalanceIntervalMillis = intervalMillis;
            return this;
        }

        /**
         * Streams (symbols × channels per symbol, those in the URL included) one socket may carry; 0 = no cap. The
         * pool keeps at least as many connections as the symbols need under it (raising the minimum within
         * {@code maxConnections}); a configuration that would need more than {@code maxConnections} is refused by
         * {@link #build()}. Default Binance 1,024 (the venue's limit), OKX 0 (no documented limit).
         */
        public Builder maxStreamsPerConnection(int n) {
            this.maxStreamsPerConnection = n;
            return this;
        }

        /**
         * After a REST {@code 429}/{@code 418} on a snapshot the pace is halved (418: quartered); it doubles back after
         * each period this long without another one. Default 60 s (Binance's request-weight window is one minute).
         */
        public Builder snapshotRecoveryMillis(long millis) {
            this.snapshotRecoveryMillis = millis;
            return this;
        }

        /**
         * Stale symbols (see {@link StaleRule}): a symbol silent for more than {@code max(factor × its mean gap
         * between messages, minSilenceMillis)} while its socket delivers other symbols is resubscribed on its socket
         * {@code resubscribes} times, then its connection is recycled make-before-break. {@code factor} 0 turns
         * this off. Default 50, 30 s, 2.
         */
        public Builder stale(double factor, long minSilenceMillis, int resubscribes) {
            this.staleFactor = factor;
            this.staleMinSilenceMillis = minSilenceMillis;
            this.staleResubscribes = resubscribes;
            return this;
        }

        public PoolConfig build() {
            return new PoolConfig(this);
        }
    }
}
