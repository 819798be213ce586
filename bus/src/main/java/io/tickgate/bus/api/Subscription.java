package io.tickgate.bus.api;

/** A registered listener; {@link #close()} removes it (idempotent). */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

    @Override
    void close();
}
