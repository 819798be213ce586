package io.tickgate.bus.lease;

import java.util.Map;

/**
 * Every shard's lease as one node can tell it: read from the store just now ({@code stale} false), or, when the store
 * did not answer in time (Redis slow or gone), what the node knows locally ({@code stale} true): its own shards with
 * their generations, the other shards as its last successful read saw them. For {@code GET /api/v1/feeds}, which
 * must answer while the broker does not.
 *
 * @param leases     shard → lease (shards never read are absent)
 * @param stale      true when the store did not answer: {@code leases} is this node's last view
 * @param error      why the store did not answer (null when fresh)
 * @param readAtMillis wall-clock time of the read the leases of other nodes' shards come from (0: never read)
 */
public record LeaseState(Map<String, Lease> leases, boolean stale, String error, long readAtMillis) {

    public LeaseState {
        leases = Map.copyOf(leases);
    }

    /** A read the store answered just now. */
    public static LeaseState fresh(Map<String, Lease> leases, long readAtMillis) {
        return new LeaseState(leases, false, null, readAtMillis);
    }
}
