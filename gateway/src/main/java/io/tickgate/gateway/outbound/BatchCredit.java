package io.tickgate.gateway.outbound;

import io.tickgate.gateway.hub.WakeupBatch;

/**
 * Bytes of the process-wide {@link OutboundBudget} reserved ahead in one chunk by a hub shard for its current batch
 * ({@link WakeupBatch}), so that the shard's deliveries reserve from a plain field instead of each updating the total
 * (one atomic update of a counter every event loop also updates, per delivery). What is left at the batch's end goes
 * back to the total, so between batches nothing is held. When a chunk cannot be reserved (the total is near its cap)
 * each delivery reserves exactly what it needs, as outside a batch: a refusal means what it meant before. One per
 * budget and thread; that thread only.
 */
final class BatchCredit implements WakeupBatch.BatchEnd {

    private final OutboundBudget total;
    private final long chunkBytes;
    private long left;
    private boolean joined;

    BatchCredit(OutboundBudget total, long chunkBytes) {
        this.total = total;
        this.chunkBytes = chunkBytes;
    }

    /** Reserves {@code bytes}: from the chunk, from a new chunk, or (no batch, or no chunk) exactly. */
    boolean reserve(long bytes) {
        if (left >= bytes) {
            left -= bytes;
            return true;
        }
        if (!joined) {
            if (!WakeupBatch.atEnd(this)) {
                return total.tryReserve(bytes);
            }
            joined = true;
        }
        long chunk = Math.max(chunkBytes, bytes);
        if (total.tryReserve(chunk)) {
            left += chunk - bytes;
            return true;
        }
        return total.tryReserve(bytes);
    }

    /** Gives back what the batch did not use. */
    @Override
    public void batchEnded() {
        total.release(left);
        left = 0;
        joined = false;
    }
}
