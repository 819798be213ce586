package io.tickgate.feed.pipeline;

import java.util.List;

/**
 * What the processor asks of the connections when symbols go stale ({@link StaleRule}). Called on the processing
 * thread; implementations hand the work to the socket's event loop and return.
 */
public interface StaleHandler {

    /** Unsubscribe and subscribe {@code symbols} again on socket {@code session}, if it still carries them. */
    void resubscribe(long session, List<String> symbols);

    /** Replace socket {@code session} by a new one, make-before-break, if it is still in use. */
    void recycle(long session);

    /** Does nothing. */
    StaleHandler NONE = new StaleHandler() {
        @Override
        public void resubscribe(long session, List<String> symbols) {
        }

        @Override
        public void recycle(long session) {
        }
    };
}
