package io.tickgate.bus.api;

/**
 * Receives one topic (or each topic of a pattern): an image, then the envelopes after it. Called on the engine's
 * delivery thread, for one topic never concurrently; must not block (hand work to your own thread through a bounded
 * queue).
 */
public interface TopicListener {

    /**
     * The topic's state at {@code image.seq()}: envelopes that follow have a higher seq. Delivered first, and again
     * whenever the engine had to resynchronize (new epoch, seq gap, reconnect); state built from earlier envelopes
     * is then replaced by folding this image.
     */
    void onImage(TopicImage image);

    /** The next envelope of the topic. */
    void onEnvelope(Envelope envelope);
}
