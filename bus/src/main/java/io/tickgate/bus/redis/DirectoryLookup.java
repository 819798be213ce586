package io.tickgate.bus.redis;

import io.tickgate.model.topic.Topic;
import io.tickgate.model.topic.TopicPattern;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Asks the Redis topic directory ({@code P:topics}) which topics exist on any node, for a node that does not know a
 * topic (yet): one SISMEMBER for an exact topic, the directory's members filtered by the pattern for a wildcard. The
 * members are read (and parsed) by one SMEMBERS shared by every wildcard lookup while it runs and for
 * {@value #FRESH_MILLIS} ms after it was sent, so clients sending patterns that match nothing cannot make the node
 * read the whole directory once per pattern; a topic another node declared within that time may be missed by a
 * pattern (it is then found by the next read). Each topic found is handed to {@code onFound} (the node's set of known
 * topics) before the future completes. Asynchronous; any thread.
 */
final class DirectoryLookup {

    /** How long a directory read serves later wildcard lookups, counted from when it was sent. */
    static final long FRESH_MILLIS = 250;

    private record Read(RedisLink link, CompletableFuture<List<Topic>> members, long sentNanos) {
    }

    private final String directory;
    private final AtomicReference<Read> last = new AtomicReference<>();

    DirectoryLookup(String directory) {
        this.directory = directory;
    }

    CompletableFuture<Set<Topic>> lookup(RedisLink l, TopicPattern pattern, Consumer<Topic> onFound) {
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
            return members(l).thenApply(members -> {
                Set<Topic> found = new HashSet<>();
                for (Topic t : members) {
                    if (pattern.matches(t)) {
                        onFound.accept(t);
                        found.add(t);
                    }
                }
                return found;
            });
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The directory's topics: the last read if it is on this link, fresh and did not fail, else a new one. */
    private CompletableFuture<List<Topic>> members(RedisLink l) {
        long now = System.nanoTime();
        Read r = last.get();
        if (r != null && r.link == l && now - r.sentNanos < TimeUnit.MILLISECONDS.toNanos(FRESH_MILLIS)
                && !r.members.isCompletedExceptionally()) {
            return r.members;
        }
        Read fresh = new Read(l, l.smembers(directory).toCompletableFuture().thenApply(DirectoryLookup::parse), now);
        last.set(fresh); // two threads may both read at once: both answers are right, the later one is kept
        return fresh.members;
    }

    private static List<Topic> parse(Set<String> names) {
        List<Topic> out = new ArrayList<>(names.size());
        for (String name : names) {
            Topic t = Subscriptions.parse(name);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }
}
