package io.tickgate.bench.source;

import java.time.Instant;

/**
 * Epoch microseconds from the system wall clock ({@link Instant#now()}, microsecond resolution on Linux). Two
 * processes on one machine read the same clock, so a stamp taken in the gateway process can be compared with one
 * taken in the load generator.
 */
public final class StampClock {

    private StampClock() {
    }

    /** Now, in microseconds since the epoch. */
    public static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
