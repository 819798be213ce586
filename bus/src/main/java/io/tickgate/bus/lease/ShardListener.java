package io.tickgate.bus.lease;

/**
 * What a node does when it gains or loses a shard ({@link ShardOwnership}). Called on the ownership thread, one
 * call at a time; {@link #gained} may block briefly (claiming the shard's topics, starting connections).
 */
public interface ShardListener {

    /** This node now owns {@code shard}: publish its events with {@code generation}. */
    void gained(String shard, long generation);

    /**
     * As {@link #gained(String, long)}, with when the shard was left without a publishing owner
     * ({@link System#nanoTime()}: the previous owner's lease ran out, as last seen here; now when unknown), from which
     * the listener measures the takeover time.
     */
    default void gained(String shard, long generation, long vacantSinceNanos) {
        gained(shard, generation);
    }

    /**
     * This node is now ({@code on}) or no longer the hot standby of {@code shard} (another node owns it): keep the
     * shard's upstream connections and buffer its events without publishing, ready for {@link #gained}.
     */
    default void standby(String shard, boolean on) {
    }

    /**
     * This node no longer owns {@code shard} (handed over, renewal refused, fenced): stop its connections and
     * publishes now.
     */
    void lost(String shard);
}
