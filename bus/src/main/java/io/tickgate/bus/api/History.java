package io.tickgate.bus.api;

import io.tickgate.model.topic.Topic;
import java.util.List;

/**
 * The answer to {@link Broker#history}: the topic's current {@code epoch} and {@code headSeq}, and either the
 * envelopes after the asked seq up to {@code headSeq} (consecutive seqs), or {@code gone} (the asked position cannot
 * be replayed: a new epoch, trimmed by count or age, or a gap in between; the caller starts from a snapshot).
 * A topic never published has epoch null and headSeq 0.
 */
public record History(Topic topic, String epoch, long headSeq, boolean gone, List<Envelope> envelopes) {

    public History {
        envelopes = List.copyOf(envelopes);
    }

    public static History gone(Topic topic, String epoch, long headSeq) {
        return new History(topic, epoch, headSeq, true, List.of());
    }
}
