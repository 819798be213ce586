package io.tickgate.gateway.session;

import io.netty.channel.Channel;
import io.tickgate.bus.api.Subscription;
import io.tickgate.gateway.outbound.ConnectionOutbound;
import io.tickgate.gateway.protocol.ErrorCode;
import io.tickgate.gateway.protocol.RequestId;
import io.tickgate.gateway.protocol.ResumePosition;
import io.tickgate.model.topic.Topic;
import io.tickgate.model.topic.TopicPattern;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The topics one connection is subscribed to and its live patterns, and their only writer (the channel's event
 * loop): keeps the per-connection subscription limit, subscribes and unsubscribes them in the hub and tells the
 * cluster node, picks up topics that appear later for a live pattern, and releases everything when the connection
 * closes.
 */
final class ConnectionSubscriptions {

    private final SessionHandler session;
    private final SessionHandler.Services services;
    private final Channel channel;
    private final ConnectionOutbound outbound;
    private final ConnectionAuth auth;
    private final ClientErrors errors;
    private final Set<Topic> subscriptions = new HashSet<>();
    /** Pattern subscriptions that stay live (topics appearing later are added), by pattern text. */
    private final Map<String, Subscription> livePatterns = new HashMap<>();

    ConnectionSubscriptions(SessionHandler session, SessionHandler.Services services, Channel channel,
                            ConnectionAuth auth, ClientErrors errors) {
        this.session = session;
        this.services = services;
        this.channel = channel;
        this.outbound = session.outbound();
        this.auth = auth;
        this.errors = errors;
    }

    /**
     * False, after answering TOO_MANY_SUBSCRIPTIONS, when one subscribe names more distinct topics and patterns than
     * a connection may hold subscriptions: refused before any is looked up.
     */
    boolean mayName(RequestId id, int entries) {
        if (entries <= services.maxSubscriptions()) {
            return true;
        }
        errors.error(id, ErrorCode.TOO_MANY_SUBSCRIPTIONS, "this request names " + entries
                + " topics and patterns; the limit is " + services.maxSubscriptions() + " subscriptions per connection");
        return false;
    }

    /**
     * Subscribes the {@code resolved} topics of request {@code id} (each answered by the hub, from {@code resume} if
     * given), unless that would pass the limit: then TOO_MANY_SUBSCRIPTIONS and none. False when refused.
     */
    boolean add(RequestId id, Set<Topic> resolved, ResumePosition resume) {
        int added = 0;
        for (Topic t : resolved) {
            if (!subscriptions.contains(t)) {
                added++;
            }
        }
        if (subscriptions.size() + added > services.maxSubscriptions()) {
            errors.error(id, ErrorCode.TOO_MANY_SUBSCRIPTIONS, "this request would make "
                    + (subscriptions.size() + added) + " subscriptions; the limit is " + services.maxSubscriptions()
                    + " per connection");
            return false;
        }
        for (Topic t : resolved) {
            if (subscriptions.add(t)) {
                services.cluster().subscribed(t);
            }
            services.hub().subscribe(t, outbound, id, resume);
        }
        return true;
    }

    /**
     * Keeps pattern {@code p} live: topics matching it that appear later (on any node) are subscribed too, answered
     * with {@code subscribed} (carrying the pattern request's {@code id}) and a snapshot. Topics that appeared
     * between the request's expansion and now are picked up at once.
     */
    void watch(TopicPattern p, RequestId id) {
        String key = p.toString();
        if (livePatterns.containsKey(key)) {
            return;
        }
        Channel ch = channel;
        livePatterns.put(key, services.hub().watch(p, t -> ch.eventLoop().execute(() -> topicAppeared(key, id, t))));
        for (Topic t : services.hub().resolve(p)) {
            topicAppeared(key, id, t);
        }
    }

    /**
     * Event loop: topic {@code t} matching the live pattern {@code key} exists; subscribes it if allowed (under the
     * same rule as the request's own expansion: another user's inbox never, whatever the ACL grants).
     */
    private void topicAppeared(String key, RequestId id, Topic t) {
        if (!session.established() || outbound.isClosed() || !livePatterns.containsKey(key)
                || subscriptions.contains(t) || !auth.maySubscribe(t)) {
            return;
        }
        if (subscriptions.size() >= services.maxSubscriptions()) {
            errors.error(id, ErrorCode.TOO_MANY_SUBSCRIPTIONS, "topic \"" + t + "\" (matching \"" + key
                    + "\") not added: the limit is " + services.maxSubscriptions() + " subscriptions per connection");
            return;
        }
        subscriptions.add(t);
        services.cluster().subscribed(t); // release() and remove() count it off again
        services.hub().subscribe(t, outbound, id, null);
    }

    /**
     * Unsubscribes what {@code p} names for request {@code id}: its live pattern ends, and each subscribed topic it
     * names or matches is unsubscribed in the hub (which answers); a topic not subscribed, or a pattern matching
     * none, is answered {@code unsubscribed} at once.
     */
    void remove(RequestId id, TopicPattern p) {
        Subscription live = livePatterns.remove(p.toString());
        if (live != null) {
            live.close();
        }
        List<Topic> targets = new ArrayList<>();
        if (p.isExact()) {
            targets.add(p.toTopic());
        } else {
            for (Topic t : subscriptions) {
                if (p.matches(t)) {
                    targets.add(t);
                }
            }
            if (targets.isEmpty()) {
                outbound.deliver(services.encoder().unsubscribed(id, p.toString()), 0);
            }
        }
        for (Topic t : targets) {
            if (subscriptions.remove(t)) {
                services.cluster().unsubscribed(t);
                services.hub().unsubscribe(t, outbound, id, true);
            } else {
                outbound.deliver(services.encoder().unsubscribed(id, t.toString()), 0);
            }
        }
    }

    /** The connection closed: every topic is unsubscribed without an answer and every live pattern ends. */
    void release() {
        for (Topic t : subscriptions) {
            services.hub().unsubscribe(t, outbound, null, false);
            services.cluster().unsubscribed(t);
        }
        subscriptions.clear();
        livePatterns.values().forEach(Subscription::close);
        livePatterns.clear();
    }
}
