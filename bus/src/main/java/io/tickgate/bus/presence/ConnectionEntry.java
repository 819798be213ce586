package io.tickgate.bus.presence;

import java.util.Objects;

/**
 * One client connection in the registry.
 *
 * @param connectionId the id sent in its {@code welcome}
 * @param nodeId       the node holding it
 * @param user         the authenticated subject, or null for an anonymous connection
 * @param address      the client's address
 * @param openedAt     when it was established, epoch ms
 */
public record ConnectionEntry(String connectionId, String nodeId, String user, String address, long openedAt) {

    public ConnectionEntry {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(address, "address");
    }
}
