package io.tickgate.bus.presence;

/**
 * A live node as the registry sees it ({@code GET /api/v1/nodes}).
 *
 * @param id            the node's id
 * @param address       where clients reach it
 * @param startedAt     when it started, epoch ms
 * @param lastHeartbeat its last heartbeat, epoch ms (by its own clock)
 * @param connections   its open client connections as of that heartbeat
 */
public record NodeStatus(String id, String address, long startedAt, long lastHeartbeat, long connections) {
}
