package io.tickgate.feed.standby;

import java.util.concurrent.atomic.LongAdder;

/** What one node's standby buffers did, over every shard it stood by for (any thread). */
public final class StandbyCounters {

    private final LongAdder buffered = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder supplied = new LongAdder();

    void buffered() {
        buffered.increment();
    }

    void dropped() {
        dropped.increment();
    }

    void supplied(long n) {
        supplied.add(n);
    }

    /** Events put into a standby buffer. */
    public long bufferedTotal() {
        return buffered.sum();
    }

    /** Events dropped from a standby buffer by its bounds (age, count). */
    public long droppedTotal() {
        return dropped.sum();
    }

    /** Events a standby buffer published at a takeover (the old owner had not published them). */
    public long suppliedTotal() {
        return supplied.sum();
    }
}
