package io.tickgate.bus.api;

import io.tickgate.bus.lease.FenceListeners;
import io.tickgate.bus.lease.Leases;
import io.tickgate.bus.lease.TopicClaim;
import io.tickgate.bus.presence.Presence;
import io.tickgate.model.topic.Topic;
import io.tickgate.model.topic.TopicPattern;
import io.tickgate.model.event.MarketEvent;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Carries canonical events from producers to subscribers, numbers them, and keeps what a new or returning
 * subscriber needs: the recent history (for {@code resume}) and the state (for a snapshot).
 *
 * <p>Every topic has an epoch (a string that changes only when the topic's history is really lost: an in-process
 * broker's restart, a Redis restarted empty) and a seq that grows by 1 per published message. A seq that jumps by
 * more than 1 within an epoch says messages were lost before they were numbered (a full publish queue, a failed
 * Redis call): a gap is always visible, never silent. A topic has one writer: events of one topic are published from
 * one thread at a time, so seq order is publish order.
 *
 * <p>Engines: {@code in-process} (everything in this JVM; {@link io.tickgate.bus.local.InProcessBroker}) and Redis,
 * standalone or Cluster ({@link io.tickgate.bus.redis.RedisBroker}); {@link io.tickgate.bus.Brokers#open} picks one
 * by URL.
 */
public interface Broker extends AutoCloseable {

    /**
     * Publishes an event on {@code event.topic()}. Never blocks: an engine with a store behind a network queues the
     * event (bounded) and numbers it there.
     *
     * @return false when the event was dropped (the queue is full; counted, and the topic's next message shows the
     *     gap)
     */
    boolean publish(MarketEvent event);

    /**
     * Publishes an event of a leased shard, fenced by the lease's {@code generation}: the engine refuses it (counts
     * it, tells the {@link #fencing} listeners, gives it no seq) when the topic already carries a newer generation, and
     * otherwise raises the topic's generation to it, in the same atomic step that numbers it. So once a new owner
     * published or {@link #claim claimed}, a stale owner's events never reach a subscriber: two owners never
     * interleave on a topic. Generation 0 is unfenced (what {@link #publish(MarketEvent)} does).
     *
     * @return false when the event was dropped before the engine saw it (as {@link #publish(MarketEvent)})
     */
    boolean publish(MarketEvent event, long generation);

    /**
     * Raises {@code topic}'s generation to {@code generation} (a new owner fences the old one before it starts) and
     * returns the topic's last trade, which the new owner continues from.
     */
    CompletableFuture<TopicClaim> claim(Topic topic, long generation);

    /**
     * The publishes this engine's fencing refused: their count since start and listeners told of each refusal
     * (called on an engine thread; must not block).
     */
    FenceListeners fencing();

    /** The lease store shared by every node on this engine (in-process: this JVM's; Redis: the Redis's). */
    Leases leases();

    /**
     * Registers a listener for every envelope of every topic from now on, including topics that appear later (the
     * in-process gateway's hub uses this). Called on the engine's delivery thread; must not block.
     *
     * @return a handle that removes the listener when closed
     */
    Subscription subscribe(EnvelopeListener listener);

    /**
     * Subscribes to one topic: {@code listener} first receives {@link TopicListener#onImage} with the topic's state
     * at some seq S, then every envelope after S in order, without gap or duplicate other than gaps the seq itself
     * shows. After an epoch change, a seq gap or a reconnect the engine delivers a fresh image before continuing.
     */
    Subscription subscribe(Topic topic, TopicListener listener);

    /**
     * Subscribes to every topic {@code pattern} matches, those that exist now and those that appear later (on any
     * node); each matching topic behaves as in {@link #subscribe(Topic, TopicListener)}.
     */
    Subscription subscribe(TopicPattern pattern, TopicListener listener);

    /**
     * The messages of {@code topic} after {@code afterSeq} in {@code epoch}, up to the topic's current seq, for a
     * {@code resume}; {@link History#gone()} when the history no longer holds {@code afterSeq + 1} (trimmed by count
     * or age), holds a gap, or the epoch is not the topic's current one.
     */
    CompletableFuture<History> history(Topic topic, String epoch, long afterSeq);

    /**
     * Every topic known to exist: published at least once, or {@link #declare declared}, by any node for a shared
     * engine.
     */
    Set<Topic> topics();

    /**
     * Topics the configuration says this node will publish (its feeds' venue × symbol × channel). A shared engine
     * lists them in its topic directory from now on (again after its store restarted empty) and announces them, so
     * every node knows them before their first message, as the declaring node's gateway does: a node that knows a
     * topic accepts a subscribe to it, one that does not asks the directory ({@link #lookup}) and refuses it
     * ({@code UNKNOWN_TOPIC}) only when the directory does not list it either. An engine in one process has no other
     * node: by default nothing happens.
     *
     * @return completes once the topics are in the directory (a shared engine that is connected), or at once (not
     *     connected: they go in on connecting, before the engine reports ready; or an engine in one process); never
     *     exceptionally
     */
    default CompletableFuture<Void> declare(Collection<Topic> topics) {
        return CompletableFuture.completedFuture(null); // one process: the gateway's own declaration is all there is
    }

    /**
     * The topics matching {@code pattern} that the engine's topic directory lists (published or declared by any
     * node), for a topic this node does not know (yet); what is found is in {@link #topics()} from then on. An
     * engine in one process knows every topic already: by default an empty set, completed at once. Asynchronous:
     * never blocks; fails when the directory cannot be read.
     */
    default CompletableFuture<Set<Topic>> lookup(TopicPattern pattern) {
        return CompletableFuture.completedFuture(Set.of());
    }

    /**
     * The cluster's connection registry, presence and control channel on this engine: the nodes sharing the
     * broker's topics share it (in-process: the gateways of this JVM; Redis: every node on the same Redis), so a
     * gateway needs no configuration of its own for it.
     */
    Presence presence();

    /** Null while the engine works; else what is wrong (e.g. its store is unreachable). */
    String problem();

    /** True while {@link #problem()} is null. */
    default boolean ready() {
        return problem() == null;
    }

    @Override
    void close();
}
