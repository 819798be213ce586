package io.tickgate.bus.presence;

import java.util.Objects;

/**
 * What a node says about itself when it joins.
 *
 * @param id              unique in the cluster (e.g. {@code gw-<host>-<port>-<random>})
 * @param address         where clients reach it ({@code host:port})
 * @param startedAt       when it started, epoch ms
 * @param heartbeatMillis how often it refreshes its entries; they expire {@link #ttlMillis()} after the last one
 */
public record NodeInfo(String id, String address, long startedAt, long heartbeatMillis) {

    /** The heartbeat gateways use. */
    public static final long DEFAULT_HEARTBEAT_MILLIS = 2_000;

    public NodeInfo {
        Objects.requireNonNull(address, "address");
        if (id == null || id.isEmpty() || id.contains("|") || id.contains("{") || id.contains("}")) {
            throw new IllegalArgumentException("a node id is non-empty without |, { or }: " + id);
        }
        if (heartbeatMillis < 10) {
            throw new IllegalArgumentException("heartbeatMillis must be >= 10, was " + heartbeatMillis);
        }
    }

    /** Entries live three heartbeats: one late or lost heartbeat does not make a live node look dead. */
    public long ttlMillis() {
        return heartbeatMillis * 3;
    }
}
