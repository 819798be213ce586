package io.tickgate.bus.lease;

import java.util.concurrent.CompletableFuture;

/**
 * The lease store of one broker. Every operation is atomic on one shard's lease (one key slot on a Redis Cluster),
 * so two nodes racing for a free lease get one winner; the store's clock decides expiry, so nodes need no clock
 * agreement. Obtained from the broker ({@link io.tickgate.bus.api.Broker#leases()}).
 */
public interface Leases {

    /**
     * Takes the lease of {@code shard} for {@code node} if it is free (a new generation), renews it if {@code node}
     * already holds it, and otherwise leaves it alone.
     *
     * @return the lease as it is after the call (held by {@code node} or by another node)
     */
    CompletableFuture<Lease> acquire(String shard, String node, long ttlMillis);

    /**
     * Extends the lease by {@code ttlMillis} if {@code node} still holds it at {@code generation}.
     *
     * @return false when the lease expired or another node or generation holds it: the caller no longer owns it
     */
    CompletableFuture<Boolean> renew(String shard, String node, long generation, long ttlMillis);

    /** Gives the lease up if {@code node} holds it at {@code generation} (a graceful handover); false otherwise. */
    CompletableFuture<Boolean> release(String shard, String node, long generation);

    /** The lease of {@code shard} as it is now (owner null when free). */
    CompletableFuture<Lease> read(String shard);
}
