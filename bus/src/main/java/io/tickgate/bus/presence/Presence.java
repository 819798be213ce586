package io.tickgate.bus.presence;

import io.tickgate.model.topic.Topic;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Who is connected where, across every node sharing one broker: the nodes (with their last heartbeat), the
 * connections of a user, the subscribers of a topic; and a control channel to every node. Obtained from the broker
 * ({@link io.tickgate.bus.api.Broker#presence()}), so it spans exactly the nodes that share its topics.
 *
 * <p>Liveness: a node heartbeats every {@link NodeInfo#heartbeatMillis()}; its entries live
 * {@link NodeInfo#ttlMillis()} past the last heartbeat, so a node that died without closing disappears from every
 * answer within that time, and one that closes removes its entries at once. Answers are a recent view, not a
 * transaction: a connection opened a moment ago may be missing.
 */
public interface Presence {

    /**
     * Registers a node and heartbeats for it until the returned handle is closed.
     *
     * @throws IllegalArgumentException when a node with this id already joined through this presence
     */
    PresenceNode join(NodeInfo info);

    /** The live nodes (heartbeat within their TTL), sorted by id. */
    CompletableFuture<List<NodeStatus>> nodes();

    /** The connections of {@code user} on live nodes, sorted by node and connection id. */
    CompletableFuture<List<ConnectionEntry>> userConnections(String user);

    /** How many subscriptions {@code topic} has on each live node (as of each node's last heartbeat). */
    CompletableFuture<TopicPresence> topic(Topic topic);

    /**
     * Sends a command to every joined node (this process's too), each of which hands it to its
     * {@link PresenceNode#onCommand} listener.
     *
     * @return how many engine-level receivers took it (Redis: subscribed nodes of the control channel; in-process:
     *     joined nodes)
     */
    CompletableFuture<Long> send(ControlCommand command);

    /** Null while the registry works; else what is wrong (e.g. its store is unreachable). */
    String problem();
}
