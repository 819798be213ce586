package io.tickgate.bus.redis;

import io.tickgate.model.topic.Topic;
import io.tickgate.model.topic.TopicPattern;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Asks the Redis topic directory ({@code P:topics}) which topics exist on any node, for a node that does not know a
 * topic (yet): one SISMEMBER for an exact topic, SMEMBERS filtered by the pattern for a wildcard. Each topic found is
 * handed to {@code onFound} (the node's set of known topics) before the future completes. Asynchronous; any thread.
 */
final class DirectoryLookup {

    private DirectoryLookup() {
    }

    static CompletableFuture<Set<Topic>> lookup(RedisLink l, String directory, TopicPattern pattern,
                                                Consumer<Topic> onFound) {
        try {
            if (pattern.isExact()) {
                Topic t = pattern.toTopic();
                return l.sismember(directory, t.toString()).thenApply(member -> {
                    if (!Boolean.TRUE.equals(member)) {
                        return Set.<Topic>of();
                    }
                    onFound.accept(t);
                    return Set.of(t);
                }).toCompletableFuture();
            }
            return l.smembers(directory).thenApply(members -> {
                Set<Topic> found = new HashSet<>();
                for (String name : members) {
                    Topic t = Subscriptions.parse(name);
                    if (t != null && pattern.matches(t)) {
                        onFound.accept(t);
                        found.add(t);
                    }
                }
                return found;
            }).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
