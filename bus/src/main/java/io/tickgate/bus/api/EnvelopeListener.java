package io.tickgate.bus.api;

/**
 * Receives envelopes from a broker. Called from the publishing thread: an implementation must not block, and hands
 * work to its own thread through a bounded queue.
 */
@FunctionalInterface
public interface EnvelopeListener {

    void onEnvelope(Envelope envelope);
}
