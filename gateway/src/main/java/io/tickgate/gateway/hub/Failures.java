package io.tickgate.gateway.hub;

/**
 * The first failure of a loop over independent items that must all run (a wake-up task's connections: one that throws,
 * say out of direct memory, must not leave the others' messages untaken and their budgets held), the later ones
 * suppressed in it, thrown once the loop is done. Static, so a loop that does not fail allocates nothing.
 */
public final class Failures {

    private Failures() {
    }

    /** {@code first} with {@code next} added (suppressed in it), or {@code next} when it is the first. */
    public static Throwable add(Throwable first, Throwable next) {
        if (first == null) {
            return next;
        }
        if (first != next) {
            first.addSuppressed(next);
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
