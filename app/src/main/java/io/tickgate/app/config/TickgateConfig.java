package io.tickgate.app.config;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.tickgate.gateway.bootstrap.Transport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole configuration, bound from YAML. Defaults and meaning of each key: {@code tickgate-defaults.yaml} and
 * docs/operations.md.
 */
public record TickgateConfig(Gateway gateway, Edge edge, Simulator simulator, Feeds feeds, Broker broker,
                             StoreConfig store, Map<String, Feed> venues) {

    /** The fixed top-level sections; every other top-level section is a venue's feed, named by the venue id. */
    public static final List<String> SECTIONS = List.of("gateway", "edge", "simulator", "feeds", "broker", "store");

    public TickgateConfig {
        venues = venues == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(venues));
    }

    /** The feed section of a venue ({@code binance:}, {@code okx:}), or null when the configuration has none. */
    public Feed venue(String id) {
        return venues.get(id);
    }

    /** The client-facing gateway. */
    public record Gateway(String host, int port, int maxFrameBytes, long heartbeatIntervalMillis,
                          long pongTimeoutMillis, int maxSubscriptionsPerConnection, int inboundRatePerSecond,
                          int inboundBurst, int tradeSnapshotSize, int bookSnapshotDepth,
                          long maxQueuedBytesPerConnection, int eventHistorySize, long eventHistoryMaxAgeMillis,
                          int stateHistorySize, long stateHistoryMaxAgeMillis, int writeBufferLowWaterMark,
                          int writeBufferHighWaterMark, int maxBatchMessages, int maxBatchBytes,
                          boolean compression, String transport, int hubShards, int hubQueueCapacity,
                          long hubLingerMillis, long maxTotalQueuedBytes, long maxQueueDelayMillis,
                          int writeDelayMillis, Auth auth, Api api) {

        public Gateway {
            Transport.named(transport); // an unknown name fails at load, with the names that work
        }
    }

    /**
     * {@code gateway.api}: the keys of the server API's admin actions ({@code POST /api/v1/publish},
     * {@code POST /api/v1/users/{id}/disconnect}; docs/operations.md) and the largest published message. Keys accept
     * a YAML list or, from env/flags, a comma-separated string.
     */
    public record Api(@JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> keys,
                      int maxPublishBytes) {

        public Api {
            keys = Feed.splitCommas(keys);
        }
    }

    /**
     * {@code gateway.auth}: JWT authentication and the topic ACL (meaning of each key: docs/operations.md,
     * "Security → Authentication"). Empty strings mean "not set".
     */
    public record Auth(boolean enabled, boolean required,
                       @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> algorithms,
                       String secret, String publicKeyPem, String jwksFile, String jwksUrl, long jwksCacheSeconds,
                       String issuer, String audience, long clockSkewSeconds, String topicsClaim,
                       String publishClaim, String rolesClaim, Map<String, Grants> roles, Grants anonymous,
                       long authTimeoutMillis) {

        public Auth {
            algorithms = Feed.splitCommas(algorithms);
            roles = roles == null ? Map.of() : Map.copyOf(roles);
        }
    }

    /** Topic patterns a role (or an anonymous client) may subscribe and publish to. */
    public record Grants(@JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> subscribe,
                         @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> publish) {

        public Grants {
            subscribe = Feed.splitCommas(subscribe);
            publish = Feed.splitCommas(publish);
        }
    }

    /**
     * The gateway's network edge: connection admission, TLS, browser origins, ops endpoint access. List keys accept
     * a YAML list or, from env/flags, a comma-separated string; empty file names turn TLS off.
     */
    public record Edge(long handshakeTimeoutMillis, int maxConnections, int maxConnectionsPerIp,
                       double connectRatePerIp, int connectBurstPerIp,
                       @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> trustedProxies,
                       @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> allowedOrigins,
                       String tlsCertificateChainFile, String tlsPrivateKeyFile, long tlsReloadCheckMillis,
                       int opsPort, String opsHost, String opsToken) {

        public Edge {
            trustedProxies = Feed.splitCommas(trustedProxies);
            allowedOrigins = Feed.splitCommas(allowedOrigins);
            tlsCertificateChainFile = tlsCertificateChainFile == null ? "" : tlsCertificateChainFile.trim();
            tlsPrivateKeyFile = tlsPrivateKeyFile == null ? "" : tlsPrivateKeyFile.trim();
            opsToken = opsToken == null ? "" : opsToken;
        }
    }

    /**
     * The built-in venue simulator: every simulated venue, each on its own port.
     *
     * @param eventsPerSecond total across the simulated venues (each venue's engine gets its share)
     * @param tradeHistorySize trades per symbol each simulated venue keeps for its REST trade history (what a
     *                        backfill can fetch); a venue's {@code tradeHistorySize} in {@code venues} wins
     * @param venues          per simulated venue ({@code simulator.venues.<venue>}), the settings given (by the
     *                        defaults file, a file, the environment or a flag) by name: {@code port} for
     *                        {@code tickgate simulator} (the demo picks free loopback ports) and any other the venue's
     *                        plug-in declares (e.g. Binance's {@code connectionLifetimeMillis}); unset ones are left
     *                        out and keep the venue's defaults
     */
    public record Simulator(long seed, int symbolsPerSource, int eventsPerSecond, String host, int tradeHistorySize,
                            Map<String, Map<String, Long>> venues) {

        public Simulator {
            venues = venues == null ? Map.of() : SimulatedVenueKeys.given(venues);
        }
    }

    /**
     * The broker engine every node of a deployment shares: {@code in-process} (one process), {@code redis://},
     * {@code rediss://} (TLS) or {@code redis-cluster://host:port,...}; the other keys tune the Redis engine (its
     * history limits and trade image size follow the gateway's history and trade snapshot settings).
     */
    public record Broker(String url, int queueCapacity, int maxBatch, int maxInFlight, int keyframeDeltas,
                         long keyframeMillis, long commandTimeoutMillis, String keyPrefix) {

        public Broker {
            url = url == null ? "" : url.trim();
        }
    }

    /**
     * Settings shared by every venue's pool.
     *
     * @param leaseTtlMillis on a shared broker, how long a shard's lease lives without renewal
     */
    public record Feeds(int ioThreads, long leaseTtlMillis) {
    }

    /**
     * One venue's connection pool. List keys accept a YAML list or, from env/flags, a comma-separated string.
     * {@code url}, {@code minConnections} and {@code maxConnections} are those of the venue's primary endpoint;
     * {@code endpoints} holds its other endpoints (OKX {@code business}, for candles), by name.
     */
    public record Feed(boolean enabled, String url, String restUrl,
                       @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> symbols,
                       @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> channels,
                       int minConnections, int maxConnections, long backoffCapMillis, long stableMillis,
                       int connectAttempts, long connectWindowMillis, int controlMessages, long controlWindowMillis,
                       long controlRecoveryMillis, long lifetimeMillis, int queueCapacity, int depthLimit, double snapshotsPerSecond,
                       double rebalanceTrigger, long rebalanceIntervalMillis, int maxStreamsPerConnection,
                       long snapshotRecoveryMillis, int bookDepth,
                       @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> klineIntervals,
                       Map<String, FeedEndpoint> endpoints, double staleFactor, long staleMinSilenceMillis,
                       int staleResubscribes, int backfillMaxTrades, int backfillHoldTrades,
                       long backfillTimeoutMillis, int shards, boolean standby, int standbyBufferEvents,
                       long standbyBufferMillis) {

        public Feed {
            symbols = splitCommas(symbols);
            channels = splitCommas(channels);
            klineIntervals = splitCommas(klineIntervals);
            endpoints = endpoints == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
        }

        static List<String> splitCommas(List<String> in) {
            List<String> out = new ArrayList<>();
            if (in != null) {
                for (String s : in) {
                    for (String part : s.split(",")) {
                        if (!part.isBlank()) {
                            out.add(part.trim());
                        }
                    }
                }
            }
            return List.copyOf(out);
        }
    }

    /**
     * {@code <venue>.endpoints.<name>}: one of a venue's other WebSocket endpoints, used when a configured channel
     * lives on it.
     *
     * @param url            its URL; empty: the venue's {@code url} with this endpoint's path
     * @param minConnections connections kept at least
     * @param maxConnections connections kept at most
     */
    public record FeedEndpoint(String url, int minConnections, int maxConnections) {
    }
}
