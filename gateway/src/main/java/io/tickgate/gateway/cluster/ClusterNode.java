package io.tickgate.gateway.cluster;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.util.AttributeKey;
import io.tickgate.bus.presence.ConnectionEntry;
import io.tickgate.bus.presence.ControlCommand;
import io.tickgate.bus.presence.NodeInfo;
import io.tickgate.bus.presence.Presence;
import io.tickgate.bus.presence.PresenceNode;
import io.tickgate.gateway.admission.ClientAddress;
import io.tickgate.model.topic.Topic;
import java.net.InetAddress;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's membership in the cluster: joins the broker's {@link Presence} once the gateway is bound, reports
 * every established connection (with its user) and every subscription to it, and carries out control commands by
 * handing a {@link UserDisconnect} to the sessions of the user concerned (on their own event loops). The sessions
 * call it from their event loops; it never blocks them.
 */
public final class ClusterNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);

    /** The authenticated user of an established connection (absent for anonymous ones). */
    public static final AttributeKey<String> USER = AttributeKey.valueOf("tickgate.user");

    /** Asks a session to close because its user was disconnected through the API. */
    public record UserDisconnect(String reason) {
    }

    private final Presence presence;
    private final ChannelGroup clients;
    private final long heartbeatMillis;
    private volatile PresenceNode node;

    public ClusterNode(Presence presence, ChannelGroup clients, long heartbeatMillis) {
        this.presence = presence;
        this.clients = clients;
        this.heartbeatMillis = heartbeatMillis;
    }

    /** Joins the registry as {@code host:port} (call once bound, before clients are accepted). */
    public void join(String host, int port) {
        String id = "gw-" + port + "-" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        PresenceNode n = presence.join(new NodeInfo(id, host + ":" + port, System.currentTimeMillis(),
                heartbeatMillis));
        n.onCommand(this::onCommand);
        node = n;
        log.info("node {} joined the cluster registry", id);
    }

    /** This node's id, or null before {@link #join}. */
    public String nodeId() {
        PresenceNode n = node;
        return n == null ? null : n.nodeId();
    }

    public Presence presence() {
        return presence;
    }

    /**
     * A connection was established ({@code user} null when anonymous) at {@code openedAtMillis}; again when an
     * anonymous connection authenticated: its presence entry is rewritten with the user, who then finds it listed and
     * can have it disconnected.
     */
    public void register(Channel ch, String connectionId, String user, long openedAtMillis) {
        if (user != null) {
            ch.attr(USER).set(user);
        }
        PresenceNode n = node;
        if (n != null) {
            InetAddress a = ClientAddress.of(ch);
            n.connectionOpened(new ConnectionEntry(connectionId, n.nodeId(), user,
                    a == null ? String.valueOf(ch.remoteAddress()) : a.getHostAddress(), openedAtMillis));
        }
    }

    public void closed(String connectionId) {
        PresenceNode n = node;
        if (n != null) {
            n.connectionClosed(connectionId);
        }
    }

    public void subscribed(Topic t) {
        PresenceNode n = node;
        if (n != null) {
            n.subscribed(t);
        }
    }

    public void unsubscribed(Topic t) {
        PresenceNode n = node;
        if (n != null) {
            n.unsubscribed(t);
        }
    }

    /** The broker's delivery thread: must not block. */
    private void onCommand(ControlCommand c) {
        if (!ControlCommand.DISCONNECT_USER.equals(c.kind())) {
            log.debug("ignoring control command {}", c.kind());
            return;
        }
        int n = 0;
        for (Channel ch : clients) {
            if (c.user().equals(ch.attr(USER).get())) {
                UserDisconnect d = new UserDisconnect(c.reason());
                ch.eventLoop().execute(() -> ch.pipeline().fireUserEventTriggered(d));
                n++;
            }
        }
        if (n > 0) {
            log.info("disconnecting {} connection(s) of user {}", n, c.user());
        }
    }

    /** Leaves the registry (a clean shutdown removes this node's entries at once). */
    @Override
    public void close() {
        PresenceNode n = node;
        node = null;
        if (n != null) {
            n.close();
        }
    }
}
