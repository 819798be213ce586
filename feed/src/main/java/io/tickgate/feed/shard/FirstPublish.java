package io.tickgate.feed.shard;

import io.micrometer.core.instrument.Timer;
import io.tickgate.model.event.MarketEvent;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A taken-over shard's publish: records the takeover time (the shard left vacant → this, its first event published
 * by the new owner) once, then passes every event on. Called on the pool's processing thread only.
 */
final class FirstPublish implements Consumer<MarketEvent> {

    private final Consumer<MarketEvent> publish;
    private final Timer timer;
    private final long vacantSinceNanos;
    private boolean first = true;

    /** @param timer null: nothing to measure (the shard's first owner) */
    FirstPublish(Consumer<MarketEvent> publish, Timer timer, long vacantSinceNanos) {
        this.publish = publish;
        this.timer = timer;
        this.vacantSinceNanos = vacantSinceNanos;
    }

    @Override
    public void accept(MarketEvent e) {
        if (first) {
            first = false;
            if (timer != null) {
                timer.record(System.nanoTime() - vacantSinceNanos, TimeUnit.NANOSECONDS);
            }
        }
        publish.accept(e);
    }
}
