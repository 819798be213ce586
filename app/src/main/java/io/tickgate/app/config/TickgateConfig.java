package io.tickgate.app.config;

/**
 * The whole configuration, bound from YAML. Defaults and meaning of each key: {@code tickgate-defaults.yaml} and
 * docs/operations.md.
 */
public record TickgateConfig(Gateway gateway, Simulator simulator) {

    /** The client-facing gateway. */
    public record Gateway(String host, int port, int maxFrameBytes, long heartbeatIntervalMillis,
                          long pongTimeoutMillis, int maxSubscriptionsPerConnection, int inboundRatePerSecond,
                          int inboundBurst, int tradeSnapshotSize, int bookSnapshotDepth) {
    }

    /** The built-in market simulator. */
    public record Simulator(long seed, int symbolsPerSource, int eventsPerSecond) {
    }
}
