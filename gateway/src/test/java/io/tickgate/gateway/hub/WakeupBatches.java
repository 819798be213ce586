package io.tickgate.gateway.hub;

/** Tests of other packages: open, end and close a {@link WakeupBatch} on the calling thread, as a hub shard does. */
public final class WakeupBatches {

    private WakeupBatches() {
    }

    /** Opens the calling thread's batch; close it with {@link #close}. */
    public static WakeupBatch open() {
        return WakeupBatch.open();
    }

    /** Ends the batch's round (what a hub shard does after each round). */
    public static void end(WakeupBatch batch) {
        batch.flush();
    }

    /** Ends the calling thread's batch. */
    public static void close(WakeupBatch batch) {
        batch.close();
    }
}
