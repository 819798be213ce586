package io.tickgate.client;

/** A topic subscription of a {@link TickgateClient}; closing it unsubscribes. */
public interface Subscription extends AutoCloseable {

    String topic();

    /** Unsubscribes (idempotent). */
    @Override
    void close();
}
