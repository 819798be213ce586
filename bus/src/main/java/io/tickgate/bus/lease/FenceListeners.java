package io.tickgate.bus.lease;

import io.tickgate.bus.api.Subscription;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** An engine's listeners for refused publishes, and their count (what {@code fenced publishes} reports). */
public final class FenceListeners {

    private final CopyOnWriteArrayList<Consumer<Fenced>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong refused = new AtomicLong();

    /** Adds a listener; closing the handle removes it. */
    public Subscription add(Consumer<Fenced> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Counts the refused events and tells every listener (on the caller's thread). */
    public void fenced(Fenced f) {
        refused.addAndGet(f.events());
        for (Consumer<Fenced> l : listeners) {
            l.accept(f);
        }
    }

    /** Events refused since start. */
    public long count() {
        return refused.get();
    }
}
