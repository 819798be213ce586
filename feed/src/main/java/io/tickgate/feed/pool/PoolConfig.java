package io.tickgate.feed.pool;

import io.tickgate.feed.backfill.BackfillConfig;
import io.tickgate.feed.pipeline.ProcessorConfig;
import io.tickgate.feed.pipeline.StaleRule;
import io.tickgate.feed.venue.ConnectionSettings;
import io.tickgate.feed.venue.Endpoint;
import io.tickgate.feed.venue.VenueAdapter;
import io.tickgate.feed.venue.VenueDefaults;
import io.tickgate.feed.venue.Venues;
import io.tickgate.model.topic.Interval;
import io.tickgate.model.venue.Venue;
import io.tickgate.model.topic.Interval;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The immutable configuration of one venue's connection pool. Build with {@link #builder(Venue)}, which starts from
 * the venue's defaults (documented on each setter; they follow the venue's published limits, DESIGN §2).
 *
 * <p>A venue may have several WebSocket endpoints (OKX: {@code /ws/v5/public} and {@code /ws/v5/business}); each
 * channel lives on the endpoint its adapter names, and the pool keeps one set of connections per endpoint that has
 * channels ({@link #endpoints()}). The primary endpoint is set by {@link Builder#url} and
 * {@link Builder#connections}; the others by {@link Builder#endpoint} (URL derived from the primary's by default).
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
    private final int bookDepth;
    private final Set<Interval> klineIntervals;
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
    private final Map<String, EndpointSettings> endpointSettings;
    private final List<EndpointConfig> endpoints;
    private final StaleRule stale;
    private final BackfillConfig backfill;

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
        bookDepth = b.bookDepth;
        klineIntervals = Set.copyOf(b.klineIntervals);
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
        endpointSettings = Map.copyOf(b.endpointSettings);
        backfill = Objects.requireNonNull(b.backfill, "backfill");
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
        if (snapshotRecoveryMillis < 1) {
            throw new IllegalArgumentException(venue.source() + ": snapshotRecoveryMillis must be positive, got "
                    + snapshotRecoveryMillis);
        }
        if (maxStreamsPerConnection < 0) {
            throw new IllegalArgumentException(venue.source() + ": maxStreamsPerConnection must be >= 0 (0 = no cap),"
                    + " got " + maxStreamsPerConnection);
        }
        endpoints = List.copyOf(splitByEndpoint());
        for (EndpointConfig e : endpoints) {
            Venues.adapter(venue).validate(connectionSettings(e));
            checkStreamCap(e);
        }
    }

    /**
     * The endpoints that carry channels, in the venue's order, each with its channels, URL and connection counts.
     * A non-primary endpoint's URL is the configured one, else derived from the primary URL.
     */
    private List<EndpointConfig> splitByEndpoint() {
        VenueAdapter adapter = Venues.adapter(venue);
        VenueDefaults d = adapter.defaults();
        for (String name : endpointSettings.keySet()) {
            if (d.endpoint(name) == null) {
                throw new IllegalArgumentException(venue.source() + ".endpoints." + name + ": " + venue.source()
                        + " has no endpoint \"" + name + "\" (its endpoints: " + d.endpointNames() + ")");
            }
            if (d.primary().name().equals(name)) {
                throw new IllegalArgumentException(venue.source() + ".endpoints." + name + ": the primary endpoint is"
                        + " set by " + venue.source() + ".url, .minConnections and .maxConnections");
            }
        }
        Map<String, List<String>> byEndpoint = new LinkedHashMap<>();
        d.endpoints().forEach(e -> byEndpoint.put(e.name(), new ArrayList<>()));
        for (String c : channels) {
            List<String> list = byEndpoint.get(adapter.endpoint(c));
            if (list == null) {
                throw new IllegalStateException(venue.source() + " adapter names an unknown endpoint \""
                        + adapter.endpoint(c) + "\" for channel " + c);
            }
            list.add(c);
        }
        List<EndpointConfig> out = new ArrayList<>();
        for (int i = 0; i < d.endpoints().size(); i++) {
            Endpoint e = d.endpoints().get(i);
            List<String> mine = byEndpoint.get(e.name());
            if (mine.isEmpty()) {
                continue;
            }
            if (i == 0) {
                out.add(new EndpointConfig(0, e.name(), true, url, mine, minConnections, maxConnections,
                        maxStreamsPerConnection, symbols.size()));
                continue;
            }
            EndpointSettings set = endpointSettings.getOrDefault(e.name(), EndpointSettings.DEFAULT);
            String key = venue.source() + ".endpoints." + e.name();
            if (set.minConnections() < 1 || set.maxConnections() < set.minConnections()) {
                throw new IllegalArgumentException(key + ": pool size needs 1 <= min <= max, got min "
                        + set.minConnections() + ", max " + set.maxConnections());
            }
            String endpointUrl;
            try {
                endpointUrl = set.url() == null || set.url().isBlank() ? e.next(url, d.primary()) : set.url().trim();
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(key + ".url: " + ex.getMessage() + " (channels " + mine + " live"
                        + " on it)", ex);
            }
            out.add(new EndpointConfig(i, e.name(), false, endpointUrl, mine, set.minConnections(),
                    set.maxConnections(), maxStreamsPerConnection, symbols.size()));
        }
        return out;
    }

    /**
     * The stream cap: a symbol's channels on an endpoint must fit on one socket, and the symbols must fit on the
     * endpoint's {@code maxConnections} sockets. Refused here, at start, rather than found out by the venue closing
     * sockets.
     */
    private void checkStreamCap(EndpointConfig e) {
        if (maxStreamsPerConnection == 0) {
            return;
        }
        int n = e.channels().size();
        if (n > maxStreamsPerConnection) {
            throw new IllegalArgumentException(venue.source() + ": " + n + " channels per symbol" + where(e)
                    + " do not fit in maxStreamsPerConnection " + maxStreamsPerConnection);
        }
        int needed = e.connectionsForStreams();
        if (needed > e.maxConnections()) {
            String key = e.key(venue.source());
            throw new IllegalArgumentException(venue.source() + ": " + symbols.size() + " symbols x " + n
                    + " channels" + where(e) + " = " + (long) symbols.size() * n + " streams need at least " + needed
                    + " connections of at most " + maxStreamsPerConnection + " streams (" + venue.source()
                    + ".maxStreamsPerConnection), but maxConnections is " + e.maxConnections() + ": raise "
                    + key + ".maxConnections to " + needed + " or more, or configure fewer symbols or channels");
        }
        Venues.adapter(venue).validateSnapshotDepth(depthLimit);
        if (bookDepth < 1) {
            throw new IllegalArgumentException(venue.source() + ".bookDepth must be at least 1, got " + bookDepth);
        }
    }

    private static String where(EndpointConfig e) {
        return e.primary() ? "" : " on the " + e.name() + " endpoint";
    }

    /** A builder with the venue's defaults. */
    public static Builder builder(Venue venue) {
        return new Builder(venue);
    }

    /** The settings that shape the venue's socket protocol on one of its endpoints. */
    public ConnectionSettings connectionSettings(EndpointConfig endpoint) {
        return new ConnectionSettings(endpoint.url(), endpoint.channels(), heartbeatTimeoutMillis, pingAfterMillis,
                silenceMillis);
    }

    /**
     * The endpoints the channels live on, each with its own connections: the venue's order, only endpoints with at
     * least one channel (so never empty; a venue with one endpoint has exactly one).
     */
    public List<EndpointConfig> endpoints() {
        return endpoints;
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
        b.bookDepth = bookDepth;
        b.klineIntervals = EnumSet.noneOf(Interval.class);
        b.klineIntervals.addAll(klineIntervals);
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
        b.endpointSettings.putAll(endpointSettings);
        b.staleFactor = stale.factor();
        b.staleMinSilenceMillis = stale.minSilenceMillis();
        b.staleResubscribes = stale.resubscribes();
        b.backfill = backfill;
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

    /** Levels per side a book topic carries as configured (see {@link Builder#bookDepth(int)}). */
    public int bookDepth() {
        return bookDepth;
    }

    /**
     * Levels per side the published books carry: Binance {@code min(bookDepth, depthLimit)} (what the REST snapshot
     * covered and the sync can vouch for); OKX {@code bookDepth} in full-book snapshots.
     */
    public int publishedBookDepth() {
        return Venues.adapter(venue).publishedBookDepth(bookDepth, depthLimit);
    }

    /** The candle intervals built from trades (see {@link Builder#klineIntervals(Collection)}). */
    public Set<Interval> klineIntervals() {
        return klineIntervals;
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

    /**
     * Symbols one connection of the first endpoint ({@link #endpoints()}; the primary unless every channel lives
     * elsewhere) may carry under {@link #maxStreamsPerConnection()} ({@link Integer#MAX_VALUE}: none).
     */
    public int maxSymbolsPerConnection() {
        return endpoints.get(0).maxSymbolsPerConnection();
    }

    /** Connections the symbols need on the first endpoint under the stream cap (at least 1). */
    public int connectionsForStreams() {
        return endpoints.get(0).connectionsForStreams();
    }

    /**
     * The fewest connections the pool keeps on its first endpoint: {@link #minConnections()}, raised to what the
     * stream cap needs ({@link #connectionsForStreams()}; never above {@link #maxConnections()}, which the build
     * checks). Each endpoint's own: {@link EndpointConfig#requiredConnections()}.
     */
    public int requiredConnections() {
        return endpoints.get(0).requiredConnections();
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

    /** Bounds of the backfill of trades missed across reconnects (see {@link BackfillConfig}). */
    public BackfillConfig backfill() {
        return backfill;
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
        private int bookDepth = 400;
        private Set<Interval> klineIntervals = EnumSet.allOf(Interval.class);
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
        private final Map<String, EndpointSettings> endpointSettings = new LinkedHashMap<>();
        private double staleFactor = StaleRule.defaults().factor();
        private long staleMinSilenceMillis = StaleRule.defaults().minSilenceMillis();
        private int staleResubscribes = StaleRule.defaults().resubscribes();
        private BackfillConfig backfill = BackfillConfig.DEFAULTS;

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

        /**
         * WebSocket URL of the venue's primary endpoint: Binance {@code wss://stream.binance.com:9443}, OKX
         * {@code wss://ws.okx.com:8443/ws/v5/public}. The other endpoints' URLs are derived from it unless set
         * ({@link #endpoint}).
         */
        public Builder url(String url) {
            this.url = Objects.requireNonNull(url, "url");
            return this;
        }

        /**
         * One of the venue's other endpoints (OKX {@code business}, which carries the candles): its URL (null or
         * blank: the primary URL with the endpoint's path, {@code .../ws/v5/public} → {@code .../ws/v5/business})
         * and its connections kept at least / at most. Used only when a configured channel lives on it. Default:
         * derived URL, 1 / 2 connections.
         */
        public Builder endpoint(String name, String url, int minConnections, int maxConnections) {
            endpointSettings.put(Objects.requireNonNull(name, "name"),
                    new EndpointSettings(url, minConnections, maxConnections));
            return this;
        }

        /** The URL of one of the venue's other endpoints, keeping its connection counts (see {@link #endpoint}). */
        public Builder endpointUrl(String name, String url) {
            EndpointSettings before = endpointSettings.getOrDefault(Objects.requireNonNull(name, "name"),
                    EndpointSettings.DEFAULT);
            endpointSettings.put(name, new EndpointSettings(url, before.minConnections(), before.maxConnections()));
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

        /**
         * Channels per symbol, in the venue's spelling; each is subscribed on the endpoint its adapter names (OKX:
         * {@code candle*} and {@code trades-all} on {@code business}, the rest on {@code public}). Defaults: Binance
         * {@code trade, depth@100ms}; OKX {@code trades, books, tickers}.
         */
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

        /**
         * Binance REST snapshots: {@code limit} and pacing. Default limit 100 (weight 5), 5/s, burst 20. The limit
         * must be one the venue accepts (Binance: 5, 10, ..., 5000); it also caps the depth of the
         * published books ({@link #bookDepth(int)}).
         */
        public Builder snapshots(int depthLimit, double perSecond, int burst) {
            this.depthLimit = depthLimit;
            this.snapshotsPerSecond = perSecond;
            this.snapshotBurst = burst;
            return this;
        }

        /**
         * Levels per side a book topic carries. Binance publishes {@code min(bookDepth, depthLimit)}: only what the
         * REST snapshot covered is vouched for, so deeper levels stay in the local book and are never published
         * (neither in snapshots nor in deltas). OKX: levels per side in the published full books. Default 400.
         */
        public Builder bookDepth(int levels) {
            this.bookDepth = levels;
            return this;
        }

        /**
         * The candle intervals built from trades, by label ({@code 1s 1m 5m 15m 1h 4h 1d}; default all of them).
         * Empty builds none.
         *
         * @throws IllegalArgumentException naming the {@code <venue>.klineIntervals} key and the allowed labels when
         *                                  a label is not an interval
         */
        public Builder klineIntervals(Collection<String> labels) {
            Set<Interval> out = EnumSet.noneOf(Interval.class);
            for (String label : labels) {
                Interval i = Interval.fromLabel(label.trim());
                if (i == null) {
                    StringJoiner allowed = new StringJoiner(", ");
                    for (Interval a : Interval.values()) {
                        allowed.add(a.label());
                    }
                    throw new IllegalArgumentException(venue.source() + ".klineIntervals: unknown interval \""
                            + label + "\"; allowed: " + allowed);
                }
                out.add(i);
            }
            this.klineIntervals = out;
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

        /**
         * Bounds of trade backfills: missed trades fetched per hole, live trades held meanwhile, time allowed.
         * Default {@link BackfillConfig#DEFAULTS}.
         */
        public Builder backfill(BackfillConfig bounds) {
            this.backfill = bounds;
            return this;
        }

        public PoolConfig build() {
            return new PoolConfig(this);
        }
    }

    /** A non-primary endpoint's settings; a null or blank URL is derived from the primary's. */
    private record EndpointSettings(String url, int minConnections, int maxConnections) {
        static final EndpointSettings DEFAULT = new EndpointSettings(null, 1, 2);
    }
}
