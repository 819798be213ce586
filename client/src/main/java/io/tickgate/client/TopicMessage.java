package io.tickgate.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A {@code snapshot} or {@code data} message of one topic. A snapshot replaces the listener's state (it follows a
 * subscribe without resume, a reset, or a conflation under pressure); data applies on top of it in seq order.
 *
 * @param ts   ingest time in epoch ms; 0 for snapshots sent on subscribe
 * @param data the {@code data} object (docs/protocol.md, "Data shapes"); prices are strings
 */
public record TopicMessage(Kind kind, String topic, String epoch, long seq, long ts, JsonNode data) {

    /** Message kinds. */
    public enum Kind {
        SNAPSHOT, DATA
    }

    public boolean isSnapshot() {
        return kind == Kind.SNAPSHOT;
    }
}
