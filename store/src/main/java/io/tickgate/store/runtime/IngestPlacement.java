package io.tickgate.store.runtime;

import io.tickgate.store.api.StoreSettings;
import io.tickgate.store.api.StoreSettings.Backend;

/**
 * Where {@code store.ingest} puts the store's writes on this node. The rule: one writer per store. An embedded store
 * is this node's own, and an in-process broker's topics are this node's own: write them. A shared broker with
 * PostgreSQL means every node sees every topic and may share the database: one node, the lease holder, writes.
 */
enum IngestPlacement {
    /** This node writes every row it sees. */
    ALWAYS("every row this node sees"),
    /** This node writes while it holds the {@code store/ingest} lease. */
    LEASE("while this node holds the store/ingest lease (one writer among the nodes sharing the broker)"),
    /** This node writes nothing (it serves the history only). */
    NEVER("off (this node serves history, another writes it)");

    private final String description;

    IngestPlacement(String description) {
        this.description = description;
    }

    String describe() {
        return description;
    }

    static IngestPlacement of(StoreSettings s, boolean sharedBroker) {
        return switch (s.ingest()) {
            case ON -> ALWAYS;
            case OFF -> NEVER;
            case AUTO -> sharedBroker && s.backend() == Backend.POSTGRES ? LEASE : ALWAYS;
        };
    }
}
