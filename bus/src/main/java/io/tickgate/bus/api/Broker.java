package io.tickgate.bus.api;

import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.topic.Topic;
import java.util.Set;

/**
 * Carries canonical events from producers to subscribers and numbers them.
 *
 * <p>Every topic has an epoch (a string that changes when the topic's history is lost, e.g. a restart of an
 * in-process broker) and a seq that grows by exactly 1 per published message. A topic has one writer: events of one
 * topic are published from one thread at a time, so seq order is publish order.
 */
public interface Broker extends AutoCloseable {

    /** Publishes an event on {@code event.topic()} and returns the envelope it was given. Never blocks. */
    Envelope publish(MarketEvent event);

    /**
     * Registers a listener for every envelope published from now on.
     *
     * @return a handle that removes the listener when closed
     */
    AutoCloseable subscribe(EnvelopeListener listener);

    /** Every topic published at least once. */
    Set<Topic> topics();

    @Override
    void close();
}
