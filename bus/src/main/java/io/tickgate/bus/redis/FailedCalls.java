package io.tickgate.bus.redis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The publish calls that failed and wait to be sent again, oldest batch first: a resent call must run before any later
 * batch of its topics, or the script would take it for one already applied (publish.lua compares batch numbers).
 * Failures arrive on Redis I/O threads, the writer thread takes them.
 */
final class FailedCalls {

    /**
     * A failed call: when it first failed (its first send) and last failed, why, and its last copy sent (the client's
     * command: done once Redis answered it or the connection failed it; null when none was sent).
     */
    record Failed(Publisher.Call call, long firstFailedNanos, long lastFailedNanos, Throwable error,
                  CompletableFuture<?> copy) {

        /** True while the last copy sent waits in the client for Redis's answer. */
        boolean copyPending() {
            return copy != null && !copy.isDone();
        }
    }

    private final List<Failed> calls = new ArrayList<>();

    synchronized void add(Failed f) {
        calls.add(f);
        calls.sort(Comparator.comparingLong(c -> c.call().bno()));
    }

    synchronized boolean isEmpty() {
        return calls.isEmpty();
    }

    /** Takes out the failed call of the oldest batch to send it again (it comes back if it fails again); or null. */
    synchronized Failed takeOldest() {
        return calls.isEmpty() ? null : calls.remove(0);
    }

    /** Puts back a call taken out but not sent. */
    synchronized void putBack(Failed f) {
        add(f);
    }
}
