package io.tickgate.bus.api;

/**
 * Receives envelopes from a broker. Called on the engine's delivery thread (the publishing thread for the
 * in-process broker, a Redis I/O thread for the Redis engine): an implementation must not block, and hands work to
 * its own thread through a bounded queue.
 */
@FunctionalInterface
public interface EnvelopeListener {

    void onEnvelope(Envelope envelope);
}
