package io.tickgate.gateway.session;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.tickgate.gateway.hub.TopicHub;
import io.tickgate.gateway.protocol.ClientMessage;
import io.tickgate.gateway.protocol.ErrorCode;
import io.tickgate.gateway.protocol.RequestId;
import io.tickgate.gateway.protocol.ResumePosition;
import io.tickgate.model.topic.InvalidTopicException;
import io.tickgate.model.topic.Topic;
import io.tickgate.model.topic.TopicPattern;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One connection's {@code subscribe} and {@code unsubscribe} requests: parses their topics (INVALID_TOPIC), asks the
 * cluster's topic directory first about what this node does not know (the connection's later requests wait in
 * {@link HeldRequests} meanwhile), resolves the topics under the ACL ({@link TopicResolution}) and applies the result
 * to the connection's {@link ConnectionSubscriptions}. Used on the channel's event loop.
 */
final class SubscriptionRequests {

    private final SessionHandler session;
    private final ChannelHandlerContext ctx;
    private final TopicHub hub;
    private final HeldRequests held;
    private final TopicResolution resolution;
    private final ConnectionSubscriptions subscriptions;
    private final ClientErrors errors;

    SubscriptionRequests(SessionHandler session, ChannelHandlerContext ctx, TopicHub hub, TopicResolution resolution,
                         ConnectionSubscriptions subscriptions, ClientErrors errors) {
        this.session = session;
        this.ctx = ctx;
        this.hub = hub;
        this.held = new HeldRequests(ctx.channel());
        this.resolution = resolution;
        this.subscriptions = subscriptions;
        this.errors = errors;
    }

    /**
     * What {@code msg} counts as against the inbound rate limit: a subscribe one message per distinct wildcard
     * pattern it names (each is matched against every topic the cluster knows, twice), at least one; anything else
     * one.
     */
    static int weight(ClientMessage msg) {
        if (!(msg instanceof ClientMessage.Subscribe s) || s.topics() == null) {
            return 1;
        }
        Set<String> patterns = new HashSet<>();
        for (String t : s.topics()) {
            if (t != null && t.indexOf('*') >= 0) {
                patterns.add(t);
            }
        }
        return Math.max(1, patterns.size());
    }

    /** True if {@code msg} is held: a subscribe waits for the topic directory, and it is handled after that one. */
    boolean holds(ClientMessage msg) {
        if (!held.holding()) {
            return false;
        }
        held.add(msg);
        return true;
    }

    /**
     * A subscribe naming a topic (or a pattern matching topics) this node does not know asks the topic directory
     * first (a shared engine: another node may have published or declared it, and this node not heard of it yet);
     * the connection's later requests wait meanwhile ({@link HeldRequests}). An engine in one process answers at once.
     */
    void subscribe(ClientMessage.Subscribe s) {
        List<TopicPattern> patterns = parse(s.id(), s.topics());
        if (patterns == null || !subscriptions.mayName(s.id(), patterns.size())) {
            return;
        }
        List<TopicPattern> unknown = UnknownTopics.of(hub, patterns, resolution::maySubscribe);
        if (unknown.isEmpty()) {
            subscribe(s, patterns, "");
            return;
        }
        CompletableFuture<Void> asked = hub.lookup(unknown);
        if (asked.isDone()) {
            subscribe(s, patterns, UnknownTopics.directoryNote(asked.handle((r, e) -> e).join()));
            return;
        }
        held.hold();
        Channel ch = ctx.channel();
        asked.whenComplete((r, e) -> ch.eventLoop().execute(() -> lookedUp(s, patterns, e)));
    }

    /** Event loop: the directory answered the held subscribe; then the requests that waited for it, in order. */
    private void lookedUp(ClientMessage.Subscribe s, List<TopicPattern> patterns, Throwable failure) {
        List<ClientMessage> waited = held.release();
        if (!session.established() || session.outbound().isClosed()) {
            return;
        }
        subscribe(s, patterns, UnknownTopics.directoryNote(failure));
        for (ClientMessage m : waited) {
            session.channelRead0(ctx, m); // held again (in order) should one of them ask the directory too
        }
    }

    /** Subscribes to what is known now; {@code note} ends an UNKNOWN_TOPIC message. */
    private void subscribe(ClientMessage.Subscribe s, List<TopicPattern> patterns, String note) {
        Set<Topic> resolved = resolution.resolve(s.id(), patterns, note);
        if (resolved == null || !subscriptions.add(s.id(), resolved, resume(s, patterns))) {
            return;
        }
        for (TopicPattern p : patterns) {
            if (!p.isExact()) {
                subscriptions.watch(p, s.id());
            }
        }
    }

    /** A resume position belongs to one topic: it is used when the request names exactly one exact topic. */
    private static ResumePosition resume(ClientMessage.Subscribe s, List<TopicPattern> patterns) {
        return patterns.size() == 1 && patterns.get(0).isExact() ? s.resume() : null;
    }

    void unsubscribe(ClientMessage.Unsubscribe u) {
        List<TopicPattern> patterns = parse(u.id(), u.topics());
        if (patterns == null) {
            return;
        }
        for (TopicPattern p : patterns) {
            subscriptions.remove(u.id(), p);
        }
    }

    /** The parsed patterns, each once (in their first order), or null after answering INVALID_TOPIC. */
    private List<TopicPattern> parse(RequestId id, List<String> topics) {
        Set<String> distinct = new LinkedHashSet<>(topics);
        List<TopicPattern> out = new ArrayList<>(distinct.size());
        for (String text : distinct) {
            try {
                out.add(TopicPattern.parse(text));
            } catch (InvalidTopicException e) {
                errors.error(id, ErrorCode.INVALID_TOPIC, e.getMessage());
                return null;
            }
        }
        return out;
    }
}
