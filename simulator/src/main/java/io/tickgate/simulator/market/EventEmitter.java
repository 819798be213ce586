package io.tickgate.simulator.market;

import io.tickgate.model.event.MarketEvent;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands generated events to the sink and counts them. A sink that throws does not stop the engine: the failure is
 * counted and logged (the first few times) and generation goes on.
 */
final class EventEmitter {

    private static final Logger LOG = LoggerFactory.getLogger(EventEmitter.class);
    private static final int LOGGED_FAILURES = 5;

    private final Consumer<? super MarketEvent> sink;
    private long emitted;
    private volatile long published;
    private volatile long sinkFailures;

    EventEmitter(Consumer<? super MarketEvent> sink) {
        this.sink = sink;
    }

    void emit(MarketEvent event) {
        emitted++;
        try {
            sink.accept(event);
        } catch (RuntimeException e) {
            long failures = sinkFailures + 1;
            sinkFailures = failures;
            if (failures <= LOGGED_FAILURES) {
                LOG.warn("market event sink failed on {} (failure {})", event.topic(), failures, e);
            }
        }
        published = emitted;
    }

    /** Events generated so far (the writer's own count). */
    long emitted() {
        return emitted;
    }

    /** Events generated so far, readable from any thread. */
    long published() {
        return published;
    }

    /** Events the sink threw on, readable from any thread. */
    long sinkFailures() {
        return sinkFailures;
    }
}
