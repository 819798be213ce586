package io.tickgate.bus.presence;

import io.tickgate.model.topic.Topic;
import java.util.function.Consumer;

/**
 * One node's side of the registry: it reports its connections and subscriptions here and receives control commands.
 * Methods are called from any thread (event loops) and never block: the engine applies them in order on its own
 * thread. {@link #close()} removes every entry of the node (a clean shutdown; a crash leaves them to expire).
 */
public interface PresenceNode extends AutoCloseable {

    /** The node's id (unique in the cluster). */
    String nodeId();

    /** A client connection was established on this node. */
    void connectionOpened(ConnectionEntry connection);

    /** A connection of this node closed. */
    void connectionClosed(String connectionId);

    /** A connection of this node subscribed to {@code topic}. */
    void subscribed(Topic topic);

    /** A connection of this node left {@code topic} (unsubscribed or closed). */
    void unsubscribed(Topic topic);

    /**
     * Sets who receives the control commands sent to every node ({@link Presence#send}); called on the engine's
     * delivery thread: must not block.
     */
    void onCommand(Consumer<ControlCommand> listener);

    /** Leaves the cluster: removes the node's entries (waits up to about 1 s for the store). Idempotent. */
    @Override
    void close();
}
