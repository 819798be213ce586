package io.tickgate.store.writer;

/**
 * What the writer thread is waiting on the database for, and since when. A call that does not return (a frozen
 * server, a table locked by someone else) throws nothing, so without this {@code /ready} would stay green for as long
 * as it waits; {@link StoreWriter#problem} asks {@link #overdue} instead. Written by the writer thread, read by any.
 */
final class DatabaseCall {

    /** A call in progress: what it is ("write of 500 rows", "retention") and when it began (epoch ms). */
    private record Running(String what, long since) {
    }

    private volatile Running running;

    /** The writer thread is about to call the database for {@code what}. */
    void enter(String what, long now) {
        running = new Running(what, now);
    }

    /** The call returned (or threw). */
    void exit() {
        running = null;
    }

    /** Null unless a call has been running for longer than {@code boundMillis}; else which, and for how long. */
    String overdue(long now, long boundMillis) {
        Running r = running;
        if (r == null || now - r.since() <= boundMillis) {
            return null;
        }
        return r.what() + " running for " + (now - r.since()) / 1000 + " s";
    }
}
