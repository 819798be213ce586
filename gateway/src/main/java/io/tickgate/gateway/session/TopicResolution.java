package io.tickgate.gateway.session;

import io.tickgate.gateway.hub.TopicHub;
import io.tickgate.gateway.protocol.ErrorCode;
import io.tickgate.gateway.protocol.RequestId;
import io.tickgate.model.topic.Topic;
import io.tickgate.model.topic.TopicPattern;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns one connection's subscribe into the topics it asks for, as far as this node knows them, under the topic ACL:
 * an exact topic must be allowed (a personal inbox to its owner alone, and it is declared then; any other topic as
 * the connection's ACL says) and exist; a pattern expands to the existing topics it matches that the connection may
 * see. The first entry refused is answered (FORBIDDEN, UNKNOWN_TOPIC) and the request subscribes nothing. Used on
 * the channel's event loop.
 */
final class TopicResolution {

    private final TopicHub hub;
    private final ConnectionAuth auth;
    private final ClientErrors errors;

    TopicResolution(TopicHub hub, ConnectionAuth auth, ClientErrors errors) {
        this.hub = hub;
        this.auth = auth;
        this.errors = errors;
    }

    /** A user's personal topic is theirs alone; any other topic as the connection's ACL says. */
    boolean maySubscribe(Topic t) {
        return auth.maySubscribe(t);
    }

    /** The topics request {@code id} subscribes, or null after answering; {@code note} ends UNKNOWN_TOPIC messages. */
    Set<Topic> resolve(RequestId id, List<TopicPattern> patterns, String note) {
        Set<Topic> resolved = new LinkedHashSet<>();
        for (TopicPattern p : patterns) {
            boolean added = p.isExact() ? addExact(id, p.toTopic(), note, resolved) : addMatches(id, p, note, resolved);
            if (!added) {
                return null;
            }
        }
        return resolved;
    }

    private boolean addExact(RequestId id, Topic t, String note, Set<Topic> resolved) {
        if (!maySubscribe(t)) {
            errors.error(id, ErrorCode.FORBIDDEN, t.inboxOwner() != null
                    ? "only user " + t.inboxOwner() + " may subscribe to \"" + t + "\""
                    : "not allowed to subscribe to \"" + t + "\"");
            return false;
        }
        if (t.inboxOwner() != null) {
            hub.declare(Set.of(t)); // the owner's inbox exists before its first message
        }
        if (!hub.exists(t)) {
            errors.error(id, ErrorCode.UNKNOWN_TOPIC, "unknown topic \"" + t + "\": no node has published or "
                    + "declared it" + note);
            return false;
        }
        resolved.add(t);
        return true;
    }

    private boolean addMatches(RequestId id, TopicPattern p, String note, Set<Topic> resolved) {
        List<Topic> matches = hub.resolve(p);
        if (matches.isEmpty()) {
            errors.error(id, ErrorCode.UNKNOWN_TOPIC, "pattern \"" + p + "\" matches no topic that any node has "
                    + "published or declared" + note);
            return false;
        }
        int allowed = 0;
        for (Topic t : matches) {
            if (maySubscribe(t)) {
                resolved.add(t); // a pattern expands only to the topics the connection may see
                allowed++;
            }
        }
        if (allowed == 0) {
            errors.error(id, ErrorCode.FORBIDDEN, "not allowed to subscribe to any topic matching \"" + p + "\"");
            return false;
        }
        return true;
    }
}
