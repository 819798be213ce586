package io.tickgate.gateway.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionEncoder;
import io.netty.util.AttributeKey;
import io.tickgate.bus.api.Subscription;
import io.tickgate.gateway.auth.Authenticator;
import io.tickgate.gateway.auth.Principal;
import io.tickgate.gateway.cluster.ClusterNode;
import io.tickgate.gateway.codec.ServerMessageEncoder;
import io.tickgate.gateway.hub.TopicHub;
import io.tickgate.gateway.metrics.GatewayMetrics;
import io.tickgate.gateway.outbound.ConnectionOutbound;
import io.tickgate.gateway.outbound.ControlFrames;
import io.tickgate.gateway.outbound.OutboundBudget;
import io.tickgate.gateway.protocol.ClientMessage;
import io.tickgate.gateway.protocol.CloseCodes;
import io.tickgate.gateway.protocol.ErrorCode;
import io.tickgate.gateway.protocol.RequestId;
import io.tickgate.gateway.protocol.ResumePosition;
import io.tickgate.gateway.publish.Publishing;
import io.tickgate.model.topic.InvalidTopicException;
import io.tickgate.model.topic.Topic;
import io.tickgate.model.topic.TopicPattern;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session of one WebSocket client: has it authenticated ({@link ConnectionAuth}), sends {@code welcome},
 * enforces the inbound rate and subscription limits and the topic ACL, and turns decoded {@link ClientMessage}s into
 * hub commands and answers. All state here is owned by the channel's event loop; everything sent to the client goes
 * through its {@link ConnectionOutbound}.
 */
public final class SessionHandler extends SimpleChannelInboundHandler<ClientMessage> {

    private static final Logger log = LoggerFactory.getLogger(SessionHandler.class);

    /** What a session needs from the gateway; shared by all sessions. */
    public record Services(TopicHub hub, ServerMessageEncoder encoder, GatewayMetrics metrics,
                           Authenticator authenticator, ChannelGroup clients, long heartbeatMillis,
                           int maxSubscriptions, int ratePerSecond, int rateBurst,
                           ConnectionOutbound.Limits outboundLimits, OutboundBudget outboundBudget,
                           int maxFrameBytes, ClusterNode cluster, Publishing publishing) {
    }

    /** The connection id (as sent in {@code welcome}) on the channel, once established. */
    public static final AttributeKey<String> CONNECTION_ID = AttributeKey.valueOf("tickgate.connectionId");

    private final Services services;
    private final Set<Topic> subscriptions = new HashSet<>();
    /** Pattern subscriptions that stay live (topics appearing later are added), by pattern text. */
    private final Map<String, Subscription> livePatterns = new HashMap<>();
    private Channel channel;
    private ChannelHandlerContext ctx;
    /** Requests waiting for a subscribe that asks the topic directory. */
    private HeldRequests held;
    private final ConnectionOutbound outbound;
    private InboundRateLimiter rateLimiter;
    private String connectionId;
    private ConnectionAuth auth;
    private boolean established;

    /** A session sending through {@code outbound}, which the pipeline's {@code OutboundHandler} also holds. */
    public SessionHandler(Services services, ConnectionOutbound outbound) {
        this.services = services;
        this.outbound = outbound;
    }

    ConnectionOutbound outbound() {
        return outbound;
    }

    boolean established() {
        return established;
    }

    /** This connection's id as sent in {@code welcome}; null before the handshake. */
    public String connectionId() {
        return connectionId;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        this.ctx = ctx;
        held = new HeldRequests(channel);
        auth = new ConnectionAuth(this, services);
        rateLimiter = new InboundRateLimiter(services.ratePerSecond(), services.rateBurst(), System.nanoTime());
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof HandshakeComplete hc) {
            onHandshake(ctx, hc);
        } else if (evt instanceof FrameErrorHandler.FrameRejected r) {
            onFrameError(ctx, r.cause());
            return;
        } else if (evt instanceof ClusterNode.UserDisconnect d) {
            if (established && !outbound.isClosed()) {
                outbound.closeWith(null, CloseCodes.DISCONNECTED, d.reason());
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    private void onHandshake(ChannelHandlerContext ctx, HandshakeComplete hc) {
        connectionId = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        ctx.channel().attr(CONNECTION_ID).set(connectionId);
        if (batchRequested(hc.requestUri())) {
            outbound.enableBatching();
        }
        // the handshake added the compression encoder (if negotiated) before this event
        if (ctx.pipeline().get(WebSocketExtensionEncoder.class) == null) {
            outbound.enableRawFrames(ctx.pipeline().context(WebSocketFrameEncoder.class));
        }
        auth.start(ctx, hc.requestUri(), hc.requestHeaders());
    }

    /** Called by {@link ConnectionAuth} once the connection is authenticated (or anonymous): sends welcome. */
    void establish(ChannelHandlerContext ctx, Principal p) {
        established = true;
        services.metrics().connectionOpened();
        services.clients().add(ctx.channel());
        services.cluster().opened(ctx.channel(), connectionId, p.subject());
        outbound.deliver(services.encoder().welcome(connectionId, System.currentTimeMillis(),
                services.heartbeatMillis(), p.subject(), p.expiresAtMillis()), 0);
    }

    /** True for {@code ?batch=1} (or {@code true}). */
    static boolean batchRequested(String uri) {
        List<String> values = new QueryStringDecoder(uri).parameters().get("batch");
        return values != null && !values.isEmpty() && ("1".equals(values.get(0)) || "true".equals(values.get(0)));
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ClientMessage msg) { // also replays held messages
        if (outbound.isClosed()) {
            return;
        }
        if (!established) {
            auth.beforeWelcome(ctx, msg);
            return;
        }
        if (held.holding()) {
            held.add(msg); // answered in order after the subscribe that waits for the topic directory
            return;
        }
        services.metrics().messageIn(msg.type());
        if (!admit(msg.id(), true)) {
            return;
        }
        if (msg instanceof ClientMessage.Subscribe s) {
            subscribe(s);
        } else if (msg instanceof ClientMessage.Unsubscribe u) {
            unsubscribe(u);
        } else if (msg instanceof ClientMessage.Heartbeat h) {
            outbound.deliver(services.encoder().heartbeat(h.id(), System.currentTimeMillis()), 0);
        } else if (msg instanceof ClientMessage.Refresh r) {
            auth.refresh(ctx, r.id(), r.token());
        } else if (msg instanceof ClientMessage.Auth a) {
            auth.refresh(ctx, a.id(), a.token());
        } else if (msg instanceof ClientMessage.Publish p) {
            publish(p);
        } else if (msg instanceof ClientMessage.Invalid i) {
            error(i.id(), i.code(), i.message());
        }
    }

    /**
     * A WebSocket ping ({@code pingPayload}, which the caller keeps) or pong ({@code null}) from the client: counted
     * against the inbound rate limit like a message; an admitted ping is answered with a pong through the outbound
     * queue. Over the limit a control frame is dropped without an answer; far over it the connection is closed 4029.
     */
    void controlFrame(ByteBufAllocator alloc, ByteBuf pingPayload) {
        if (!established || outbound.isClosed()) {
            return;
        }
        services.metrics().messageIn(pingPayload != null ? "ping" : "pong");
        if (admit(null, false) && pingPayload != null) {
            outbound.deliverControl(ControlFrames.pong(alloc, pingPayload));
        }
    }

    /**
     * Takes one inbound message or control frame from the rate limiter: true to process it. Over the limit a message
     * is answered RATE_LIMITED ({@code answer}); far over it the connection is closed with 4029.
     */
    private boolean admit(RequestId id, boolean answer) {
        switch (rateLimiter.acquire(System.nanoTime())) {
            case ADMIT:
                return true;
            case LIMIT:
                if (answer) {
                    error(id, ErrorCode.RATE_LIMITED, "too many messages: the limit is "
                            + services.ratePerSecond() + "/s with a burst of " + services.rateBurst());
                } else {
                    services.metrics().error(ErrorCode.RATE_LIMITED);
                }
                return false;
            default:
                log.info("{}: closing, flooding far past the rate limit", connectionId);
                services.metrics().error(ErrorCode.RATE_LIMITED);
                // read nothing more from a flooder: its bytes wait in the kernel, and TCP stops it
                channel.config().setAutoRead(false);
                outbound.closeWith(services.encoder().error(id, ErrorCode.RATE_LIMITED,
                        "flooding far past the rate limit; closing"), CloseCodes.RATE_LIMITED, "rate limited");
                return false;
        }
    }

    private void publish(ClientMessage.Publish p) {
        Publishing.Outcome o = ClientPublish.handle(services.publishing(), auth.principal(), connectionId, p);
        if (o.accepted()) {
            outbound.deliver(services.encoder().published(p.id(), o.topic().toString()), 0);
        } else {
            error(p.id(), o.error(), o.message());
        }
    }

    /** A user's personal topic is theirs alone; any other topic as the connection's ACL says. */
    private boolean maySubscribe(Topic t) {
        String owner = t.inboxOwner();
        return owner != null ? owner.equals(auth.principal().subject())
                : auth.principal().acl().maySubscribe(t.toString());
    }

    /**
     * A subscribe naming a topic (or a pattern matching topics) this node does not know asks the topic directory
     * first (a shared engine: another node may have published or declared it, and this node not heard of it yet);
     * the connection's later requests wait meanwhile ({@link HeldRequests}). An engine in one process answers at once.
     */
    private void subscribe(ClientMessage.Subscribe s) {
        List<TopicPattern> patterns = parse(s.id(), s.topics());
        if (patterns == null) {
            return;
        }
        List<TopicPattern> unknown = UnknownTopics.of(services.hub(), patterns, this::maySubscribe);
        if (unknown.isEmpty()) {
            subscribe(s, patterns, "");
            return;
        }
        CompletableFuture<Void> asked = services.hub().lookup(unknown);
        if (asked.isDone()) {
            subscribe(s, patterns, UnknownTopics.directoryNote(asked.handle((r, e) -> e).join()));
            return;
        }
        held.hold();
        Channel ch = channel;
        asked.whenComplete((r, e) -> ch.eventLoop().execute(() -> lookedUp(s, patterns, e)));
    }

    /** Event loop: the directory answered the held subscribe; then the requests that waited for it, in order. */
    private void lookedUp(ClientMessage.Subscribe s, List<TopicPattern> patterns, Throwable failure) {
        List<ClientMessage> waited = held.release();
        if (!established || outbound.isClosed()) {
            return;
        }
        subscribe(s, patterns, UnknownTopics.directoryNote(failure));
        for (ClientMessage m : waited) {
            channelRead0(ctx, m); // held again (in order) should one of them ask the directory too
        }
    }

    /** Subscribes to what is known now; {@code note} ends an UNKNOWN_TOPIC message. */
    private void subscribe(ClientMessage.Subscribe s, List<TopicPattern> patterns, String note) {
        Set<Topic> resolved = new LinkedHashSet<>();
        for (TopicPattern p : patterns) {
            if (p.isExact()) {
                Topic t = p.toTopic();
                if (!maySubscribe(t)) {
                    error(s.id(), ErrorCode.FORBIDDEN, t.inboxOwner() != null
                            ? "only user " + t.inboxOwner() + " may subscribe to \"" + t + "\""
                            : "not allowed to subscribe to \"" + t + "\"");
                    return;
                }
                if (t.inboxOwner() != null) {
                    services.hub().declare(Set.of(t)); // the owner's inbox exists before its first message
                }
                if (!services.hub().exists(t)) {
                    error(s.id(), ErrorCode.UNKNOWN_TOPIC, "unknown topic \"" + t + "\": no node has published or "
                            + "declared it" + note);
                    return;
                }
                resolved.add(t);
            } else {
                List<Topic> matches = services.hub().resolve(p);
                if (matches.isEmpty()) {
                    error(s.id(), ErrorCode.UNKNOWN_TOPIC, "pattern \"" + p + "\" matches no topic that any node has "
                            + "published or declared" + note);
                    return;
                }
                int allowed = 0;
                for (Topic t : matches) {
                    if (maySubscribe(t)) {
                        resolved.add(t); // a pattern expands only to the topics the connection may see
                        allowed++;
                    }
                }
                if (allowed == 0) {
                    error(s.id(), ErrorCode.FORBIDDEN, "not allowed to subscribe to any topic matching \"" + p
                            + "\"");
                    return;
                }
            }
        }
        int added = 0;
        for (Topic t : resolved) {
            if (!subscriptions.contains(t)) {
                added++;
            }
        }
        if (subscriptions.size() + added > services.maxSubscriptions()) {
            error(s.id(), ErrorCode.TOO_MANY_SUBSCRIPTIONS, "this request would make " + (subscriptions.size() + added)
                    + " subscriptions; the limit is " + services.maxSubscriptions() + " per connection");
            return;
        }
        // a resume position belongs to one topic: it is used when the request names exactly one exact topic
        ResumePosition resume = patterns.size() == 1 && patterns.get(0).isExact() ? s.resume() : null;
        for (Topic t : resolved) {
            if (subscriptions.add(t)) {
                services.cluster().subscribed(t);
            }
            services.hub().subscribe(t, outbound, s.id(), resume);
        }
        for (TopicPattern p : patterns) {
            if (!p.isExact()) {
                watch(p, s.id());
            }
        }
    }

    /**
     * Keeps pattern {@code p} live: topics matching it that appear later (on any node) are subscribed too, answered
     * with {@code subscribed} (carrying the pattern request's {@code id}) and a snapshot. Topics that appeared
     * between the request's expansion and now are picked up at once.
     */
    private void watch(TopicPattern p, RequestId id) {
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

    /** Event loop: topic {@code t} matching the live pattern {@code key} exists; subscribes it if allowed. */
    private void topicAppeared(String key, RequestId id, Topic t) {
        if (!established || outbound.isClosed() || !livePatterns.containsKey(key) || subscriptions.contains(t)
                || !auth.principal().acl().maySubscribe(t.toString())) {
            return;
        }
        if (subscriptions.size() >= services.maxSubscriptions()) {
            error(id, ErrorCode.TOO_MANY_SUBSCRIPTIONS, "topic \"" + t + "\" (matching \"" + key + "\") not added: "
                    + "the limit is " + services.maxSubscriptions() + " subscriptions per connection");
            return;
        }
        subscriptions.add(t);
        services.hub().subscribe(t, outbound, id, null);
    }

    private void unsubscribe(ClientMessage.Unsubscribe u) {
        List<TopicPattern> patterns = parse(u.id(), u.topics());
        if (patterns == null) {
            return;
        }
        for (TopicPattern p : patterns) {
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
                    outbound.deliver(services.encoder().unsubscribed(u.id(), p.toString()), 0);
                }
            }
            for (Topic t : targets) {
                if (subscriptions.remove(t)) {
                    services.cluster().unsubscribed(t);
                    services.hub().unsubscribe(t, outbound, u.id(), true);
                } else {
                    outbound.deliver(services.encoder().unsubscribed(u.id(), t.toString()), 0);
                }
            }
        }
    }

    /** The parsed patterns, or null after answering INVALID_TOPIC. */
    private List<TopicPattern> parse(RequestId id, List<String> topics) {
        List<TopicPattern> out = new ArrayList<>(topics.size());
        for (String text : topics) {
            try {
                out.add(TopicPattern.parse(text));
            } catch (InvalidTopicException e) {
                error(id, ErrorCode.INVALID_TOPIC, e.getMessage());
                return null;
            }
        }
        return out;
    }

    void error(RequestId id, ErrorCode code, String message) {
        services.metrics().error(code);
        outbound.deliver(services.encoder().error(id, code, message), 0);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        auth.closed();
        // the OutboundHandler before this one has released what was queued
        if (established) {
            established = false;
            services.metrics().connectionClosed();
            services.cluster().closed(connectionId);
            for (Topic t : subscriptions) {
                services.hub().unsubscribe(t, outbound, null, false);
                services.cluster().unsubscribed(t);
            }
            subscriptions.clear();
            livePatterns.values().forEach(Subscription::close);
            livePatterns.clear();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException || cause instanceof CorruptedWebSocketFrameException
                || cause instanceof DecompressionException) {
            // DecompressionException: a permessage-deflate message inflating past maxFrameBytes
            onFrameError(ctx, cause);
        } else if (ClientGone.handle(ctx.channel(), cause, services.metrics())) {
            ctx.close();
        } else {
            log.warn("{}: unexpected error; closing", ctx.channel().remoteAddress(), cause);
            ctx.close();
        }
    }

    /** An inbound frame was rejected by the frame decoder or aggregator: answer and close. */
    private void onFrameError(ChannelHandlerContext ctx, Throwable cause) {
        WebSocketCloseStatus status = cause instanceof CorruptedWebSocketFrameException c && c.closeStatus() != null
                ? c.closeStatus() : WebSocketCloseStatus.MESSAGE_TOO_BIG;
        if (status.code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code()) {
            log.debug("{}: inbound message over {} bytes", ctx.channel().remoteAddress(), services.maxFrameBytes());
            services.metrics().error(ErrorCode.MESSAGE_TOO_LARGE);
            ByteBuf err = services.encoder().error(null, ErrorCode.MESSAGE_TOO_LARGE,
                    "message larger than the limit of " + services.maxFrameBytes() + " bytes; closing");
            outbound.closeWith(err, CloseCodes.MESSAGE_TOO_LARGE, "message too large");
        } else {
            log.debug("{}: protocol violation: {}", ctx.channel().remoteAddress(), cause.getMessage());
            outbound.closeWith(null, status.code(), status.reasonText());
        }
    }
}
