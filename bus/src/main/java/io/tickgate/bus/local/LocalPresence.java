package io.tickgate.bus.local;

import io.tickgate.bus.presence.ConnectionEntry;
import io.tickgate.bus.presence.ControlCommand;
import io.tickgate.bus.presence.NodeInfo;
import io.tickgate.bus.presence.NodeStatus;
import io.tickgate.bus.presence.Presence;
import io.tickgate.bus.presence.PresenceNode;
import io.tickgate.bus.presence.TopicPresence;
import io.tickgate.model.topic.Topic;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process registry: the nodes are the gateways of this JVM sharing one {@link InProcessBroker} (usually
 * one). A node lives until it is closed (it cannot die without the whole registry), so there is nothing to expire;
 * commands are delivered on the sender's thread.
 */
public final class LocalPresence implements Presence {

    private static final Logger log = LoggerFactory.getLogger(LocalPresence.class);

    private final Map<String, LocalNode> nodes = new ConcurrentHashMap<>();

    /** A node of this JVM; its maps are written by its event loops (concurrent maps, per-key atomic merges). */
    private final class LocalNode implements PresenceNode {
        final NodeInfo info;
        final Map<String, ConnectionEntry> connections = new ConcurrentHashMap<>();
        final Map<Topic, Long> topics = new ConcurrentHashMap<>();
        volatile Consumer<ControlCommand> listener = c -> { };

        LocalNode(NodeInfo info) {
            this.info = info;
        }

        @Override
        public String nodeId() {
            return info.id();
        }

        @Override
        public void connectionOpened(ConnectionEntry connection) {
            connections.put(connection.connectionId(), connection);
        }

        @Override
        public void connectionClosed(String connectionId) {
            connections.remove(connectionId);
        }

        @Override
        public void subscribed(Topic topic) {
            topics.merge(topic, 1L, Long::sum);
        }

        @Override
        public void unsubscribed(Topic topic) {
            topics.computeIfPresent(topic, (t, n) -> n <= 1 ? null : n - 1);
        }

        @Override
        public void onCommand(Consumer<ControlCommand> l) {
            listener = l;
        }

        @Override
        public void close() {
            nodes.remove(info.id(), this);
        }
    }

    @Override
    public PresenceNode join(NodeInfo info) {
        LocalNode n = new LocalNode(info);
        if (nodes.putIfAbsent(info.id(), n) != null) {
            throw new IllegalArgumentException("node " + info.id() + " already joined");
        }
        return n;
    }

    @Override
    public CompletableFuture<List<NodeStatus>> nodes() {
        long now = System.currentTimeMillis();
        List<NodeStatus> out = new ArrayList<>();
        for (LocalNode n : nodes.values()) {
            out.add(new NodeStatus(n.info.id(), n.info.address(), n.info.startedAt(), now, n.connections.size()));
        }
        out.sort(Comparator.comparing(NodeStatus::id));
        return CompletableFuture.completedFuture(out);
    }

    @Override
    public CompletableFuture<List<ConnectionEntry>> userConnections(String user) {
        List<ConnectionEntry> out = new ArrayList<>();
        for (LocalNode n : nodes.values()) {
            for (ConnectionEntry c : n.connections.values()) {
                if (user.equals(c.user())) {
                    out.add(c);
                }
            }
        }
        out.sort(Comparator.comparing(ConnectionEntry::nodeId).thenComparing(ConnectionEntry::connectionId));
        return CompletableFuture.completedFuture(out);
    }

    @Override
    public CompletableFuture<TopicPresence> topic(Topic topic) {
        Map<String, Long> byNode = new TreeMap<>();
        long total = 0;
        for (LocalNode n : nodes.values()) {
            Long c = n.topics.get(topic);
            if (c != null && c > 0) {
                byNode.put(n.info.id(), c);
                total += c;
            }
        }
        return CompletableFuture.completedFuture(new TopicPresence(topic, total, byNode));
    }

    @Override
    public CompletableFuture<Long> send(ControlCommand command) {
        long n = 0;
        for (LocalNode node : nodes.values()) {
            try {
                node.listener.accept(command);
            } catch (RuntimeException e) {
                log.warn("node {}: control command {} failed", node.info.id(), command.kind(), e);
            }
            n++;
        }
        return CompletableFuture.completedFuture(n);
    }

    @Override
    public String problem() {
        return null;
    }
}
