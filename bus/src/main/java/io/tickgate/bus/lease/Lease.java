package io.tickgate.bus.lease;

/**
 * One shard's lease as the store answered: who holds it, at which generation, and how long it still lives.
 *
 * @param shard      the shard's name ({@code venue/index})
 * @param owner      the node holding it; null when nobody does (then {@code generation} is the last one given)
 * @param generation the acquisition's number: grows by at least 1 per acquisition, never reused (the fencing token)
 * @param ttlMillis  how long the lease lives without a renewal (0 when free)
 */
public record Lease(String shard, String owner, long generation, long ttlMillis) {

    /** True when {@code node} holds this lease. */
    public boolean heldBy(String node) {
        return owner != null && owner.equals(node);
    }

    /** True when nobody holds the lease. */
    public boolean free() {
        return owner == null;
    }
}
