package io.tickgate.gateway.hub;

import io.tickgate.bus.api.Subscription;
import io.tickgate.model.topic.Topic;
import io.tickgate.model.topic.TopicPattern;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells pattern subscriptions about topics that appear after them: polls the broker's set of known topics (which
 * only grows: the in-process broker adds a topic at its first publish, the Redis engine when any node announces
 * one) every {@code pollMillis} and hands each new topic to the watchers whose pattern matches it. Polling a set
 * costs nothing while it does not grow, and needs no broker subscription for topics no local client uses.
 */
final class TopicWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TopicWatch.class);

    private record Watcher(TopicPattern pattern, Consumer<Topic> onTopic) {
    }

    private final Supplier<Set<Topic>> known;
    private final CopyOnWriteArrayList<Watcher> watchers = new CopyOnWriteArrayList<>();
    /** Topics already handed out (or present at start). Poll thread only after construction. */
    private final Set<Topic> seen;
    private final long pollMillis;
    private ScheduledExecutorService poller;
    private int lastSize;

    /** Topics known now count as seen; later ones are reported once {@link #start} ran. */
    TopicWatch(Supplier<Set<Topic>> known, long pollMillis) {
        this.known = known;
        this.pollMillis = pollMillis;
        this.seen = new HashSet<>(known.get());
        this.lastSize = seen.size();
    }

    /** Starts polling (on a thread of its own). */
    synchronized void start() {
        if (poller == null) {
            poller = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "tickgate-gw-topic-watch");
                t.setDaemon(true);
                return t;
            });
            poller.scheduleWithFixedDelay(this::poll, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Calls {@code onTopic} (on the watch thread; it must not block) for every topic matching {@code pattern} that
     * appears from now on. Topics that exist already are not reported (the caller resolves those itself).
     */
    Subscription watch(TopicPattern pattern, Consumer<Topic> onTopic) {
        Watcher w = new Watcher(pattern, onTopic);
        watchers.add(w);
        return () -> watchers.remove(w);
    }

    private void poll() {
        try {
            Set<Topic> now = known.get();
            if (now.size() == lastSize) {
                return;
            }
            lastSize = now.size();
            for (Topic t : now) {
                if (seen.add(t)) {
                    for (Watcher w : watchers) {
                        if (w.pattern().matches(t)) {
                            tell(w, t);
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            log.warn("topic watch failed; retrying", e);
        }
    }

    private static void tell(Watcher w, Topic t) {
        try {
            w.onTopic().accept(t);
        } catch (RuntimeException e) {
            // e.g. the watcher's event loop is shutting down: the others still hear of the topic
            log.debug("a watcher of {} failed on {}", w.pattern(), t, e);
        }
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}
