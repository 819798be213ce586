package io.tickgate.client;

/**
 * Messages of a topic that could not be recovered. The next message of the topic is a {@code snapshot} (for
 * {@link Reason#EPOCH_CHANGED} and {@link Reason#HISTORY_EXCEEDED}) or the data after the hole ({@link Reason#SEQ_GAP}).
 *
 * @param lastEpoch epoch of the last message the client had
 * @param lastSeq   seq of the last message the client had
 * @param epoch     the epoch now
 * @param seq       the seq the stream continues from (the server's head for resets)
 */
public record Gap(String topic, Reason reason, String lastEpoch, long lastSeq, String epoch, long seq) {

    /** Why messages were lost. */
    public enum Reason {
        /** The topic's history was lost on the server (e.g. a restart): a new epoch, a fresh snapshot follows. */
        EPOCH_CHANGED,
        /** The server's history no longer reaches back to the last seq (too long offline): a snapshot follows. */
        HISTORY_EXCEEDED,
        /** A seq hole inside an epoch (the server lost messages before fan-out). */
        SEQ_GAP
    }
}
