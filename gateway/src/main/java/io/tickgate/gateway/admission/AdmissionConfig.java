package io.tickgate.gateway.admission;

import java.util.List;
import java.util.Objects;

/**
 * Immutable admission settings, built with {@link #builder()}; every setting has a default.
 *
 * <table>
 *   <caption>settings and defaults</caption>
 *   <tr><td>handshakeTimeoutMillis</td><td>{@value #DEFAULT_HANDSHAKE_TIMEOUT_MILLIS}</td><td>a connection that
 *       has not completed the WebSocket upgrade (or, for plain HTTP, sent its next full request) within this long is
 *       closed</td></tr>
 *   <tr><td>maxConnections</td><td>0 = the open-file limit minus a reserve of max(256, 10 %)</td>
 *       <td>global limit of sockets on the gateway port; over it: 503</td></tr>
 *   <tr><td>maxConnectionsPerIp</td><td>{@value #DEFAULT_MAX_CONNECTIONS_PER_IP}</td><td>open connections per client
 *       address (IPv6: per /64); 0 = no limit; over it: 429</td></tr>
 *   <tr><td>connectRatePerIp / connectBurstPerIp</td><td>{@value #DEFAULT_CONNECT_RATE_PER_IP}/s, burst
 *       {@value #DEFAULT_CONNECT_BURST_PER_IP}</td><td>new connections per client address (token bucket); rate 0 =
 *       no limit; over it: 429</td></tr>
 *   <tr><td>trustedProxies</td><td>empty</td><td>addresses or CIDRs of proxies whose {@code X-Forwarded-For} is
 *       believed; for any other peer the header is ignored</td></tr>
 * </table>
 */
public final class AdmissionConfig {

    public static final long DEFAULT_HANDSHAKE_TIMEOUT_MILLIS = 10_000;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_IP = 2_000;
    public static final double DEFAULT_CONNECT_RATE_PER_IP = 100;
    public static final int DEFAULT_CONNECT_BURST_PER_IP = 2_000;

    private final long handshakeTimeoutMillis;
    private final int maxConnections;
    private final int maxConnectionsPerIp;
    private final double connectRatePerIp;
    private final int connectBurstPerIp;
    private final List<String> trustedProxies;

    private AdmissionConfig(Builder b) {
        this.handshakeTimeoutMillis = b.handshakeTimeoutMillis;
        this.maxConnections = b.maxConnections;
        this.maxConnectionsPerIp = b.maxConnectionsPerIp;
        this.connectRatePerIp = b.connectRatePerIp;
        this.connectBurstPerIp = b.connectBurstPerIp;
        this.trustedProxies = b.trustedProxies;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static AdmissionConfig defaults() {
        return builder().build();
    }

    public long handshakeTimeoutMillis() {
        return handshakeTimeoutMillis;
    }

    /** Global connection limit; 0 = derived from the open-file limit. */
    public int maxConnections() {
        return maxConnections;
    }

    /** 0 = no per-IP connection limit. */
    public int maxConnectionsPerIp() {
        return maxConnectionsPerIp;
    }

    /** New connections per second per client address; 0 = no rate limit. */
    public double connectRatePerIp() {
        return connectRatePerIp;
    }

    public int connectBurstPerIp() {
        return connectBurstPerIp;
    }

    public List<String> trustedProxies() {
        return trustedProxies;
    }

    /** Validating builder. */
    public static final class Builder {
        private long handshakeTimeoutMillis = DEFAULT_HANDSHAKE_TIMEOUT_MILLIS;
        private int maxConnections;
        private int maxConnectionsPerIp = DEFAULT_MAX_CONNECTIONS_PER_IP;
        private double connectRatePerIp = DEFAULT_CONNECT_RATE_PER_IP;
        private int connectBurstPerIp = DEFAULT_CONNECT_BURST_PER_IP;
        private List<String> trustedProxies = List.of();

        private Builder() {
        }

        public Builder handshakeTimeoutMillis(long millis) {
            this.handshakeTimeoutMillis = millis;
            return this;
        }

        /** Global connection limit; 0 (default) = the open-file limit minus a reserve. */
        public Builder maxConnections(int max) {
            this.maxConnections = max;
            return this;
        }

        /** Open connections per client address; 0 = no limit. */
        public Builder maxConnectionsPerIp(int max) {
            this.maxConnectionsPerIp = max;
            return this;
        }

        /** New connections per second per client address and the burst above it; rate 0 = no limit. */
        public Builder connectRatePerIp(double perSecond, int burst) {
            this.connectRatePerIp = perSecond;
            this.connectBurstPerIp = burst;
            return this;
        }

        /** Addresses or CIDRs (e.g. {@code 10.0.0.0/8}, {@code ::1}) whose {@code X-Forwarded-For} is believed. */
        public Builder trustedProxies(List<String> proxies) {
            this.trustedProxies = List.copyOf(Objects.requireNonNull(proxies, "proxies"));
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid setting */
        public AdmissionConfig build() {
            require(handshakeTimeoutMillis > 0, "handshakeTimeoutMillis must be > 0");
            require(maxConnections >= 0, "maxConnections must be >= 0");
            require(maxConnectionsPerIp >= 0, "maxConnectionsPerIp must be >= 0");
            require(connectRatePerIp >= 0 && Double.isFinite(connectRatePerIp), "connectRatePerIp must be >= 0");
            require(connectBurstPerIp >= 1, "connectBurstPerIp must be >= 1");
            for (String p : trustedProxies) {
                CidrRange.parse(p); // throws IllegalArgumentException naming the entry
            }
            return new AdmissionConfig(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
