package io.tickgate.gateway.hub;

/**
 * The first failure of a loop over independent items that must all run (a wake-up task's connections: one that throws,
 * say out of direct memory, must not leave the others' messages untaken and their budgets held), the later ones
 * suppressed in it, thrown once the loop is done. Static, so a loop that does not fail allocates nothing.
 */
public final class Failures {

    /** Later failures kept in the first; the rest are dropped. */
    static final int MAX_SUPPRESSED = 8;

    private Failures() {
    }

    /**
     * {@code first} with {@code next} added (suppressed in it, up to {@value #MAX_SUPPRESSED}), or {@code next} when it
     * is the first.
     */
    public static Throwable add(Throwable first, Throwable next) {
        if (first == null) {
            return next;
        }
        if (first != next && first.getSuppressed().length < MAX_SUPPRESSED) {
            first.addSuppressed(next); // a task reaching thousands of connections out of memory: the first few tell
        }
        return first;
    }

    /** Throws {@code failure} (unchecked, as it was caught); nothing when null. */
    public static void rethrow(Throwable failure) {
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }
}
