package io.tickgate.gateway.session;

import io.tickgate.gateway.hub.TopicHub;
import io.tickgate.model.topic.Topic;
import io.tickgate.model.topic.TopicPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;

/**
 * The entries of a subscribe this node knows nothing of (to ask the cluster's topic directory about before refusing
 * them), and what an {@code UNKNOWN_TOPIC} answer adds when the directory could not be asked.
 */
final class UnknownTopics {

    private UnknownTopics() {
    }

    /**
     * The exact topics the connection may see ({@code maySubscribe}; a personal inbox always exists for its owner)
     * that the hub does not know, and the patterns that match nothing it knows.
     */
    static List<TopicPattern> of(TopicHub hub, List<TopicPattern> patterns, Predicate<Topic> maySubscribe) {
        List<TopicPattern> out = new ArrayList<>();
        for (TopicPattern p : patterns) {
            if (p.isExact()) {
                Topic t = p.toTopic();
                if (t.inboxOwner() == null && maySubscribe.test(t) && !hub.exists(t)) {
                    out.add(p);
                }
            } else if (hub.resolve(p).isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }

    /** Empty when the directory answered; else why it could not be read, to end an UNKNOWN_TOPIC message. */
    static String directoryNote(Throwable failure) {
        if (failure == null) {
            return "";
        }
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        return " (the cluster's topic directory could not be read: " + t.getMessage() + ")";
    }
}
