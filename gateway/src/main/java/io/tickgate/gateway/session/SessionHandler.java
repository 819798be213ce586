package io.tickgate.gateway.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionEncoder;
import io.netty.util.AttributeKey;
import io.tickgate.gateway.auth.Permission;
import io.tickgate.gateway.auth.TokenAuthenticator;
import io.tickgate.gateway.codec.ServerMessageEncoder;
import io.tickgate.gateway.hub.TopicHub;
import io.tickgate.gateway.metrics.GatewayMetrics;
import io.tickgate.gateway.outbound.ConnectionOutbound;
import io.tickgate.gateway.outbound.OutboundBudget;
import io.tickgate.gateway.protocol.ClientMessage;
import io.tickgate.gateway.protocol.CloseCodes;
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
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session of one WebSocket client: authenticates the handshake, sends {@code welcome}, enforces the inbound
 * rate and subscription limits, and turns decoded {@link ClientMessage}s into hub commands and answers. All state
 * here is owned by the channel's event loop; everything sent to the client goes through its
 * {@link ConnectionOutbound}.
 */
public final class SessionHandler extends SimpleChannelInboundHandler<ClientMessage> {

    private static final Logger log = LoggerFactory.getLogger(SessionHandler.class);

    /** What a session needs from the gateway; shared by all sessions. */
    public record Services(TopicHub hub, ServerMessageEncoder encoder, GatewayMetrics metrics,
                           TokenAuthenticator authenticator, ChannelGroup clients, long heartbeatMillis,
                           int maxSubscriptions, int ratePerSecond, int rateBurst,
                           ConnectionOutbound.Limits outboundLimits, OutboundBudget outboundBudget,
                           int maxFrameBytes) {
    }

    /** The connection id (as sent in {@code welcome}) on the channel, once established. */
    public static final AttributeKey<String> CONNECTION_ID = AttributeKey.valueOf("tickgate.connectionId");

    private final Services services;
    private final Set<Topic> subscriptions = new HashSet<>();
    private ConnectionOutbound outbound;
    private InboundRateLimiter rateLimiter;
    private String connectionId;
    private Set<Permission> permissions;
    private boolean established;

    public SessionHandler(Services services) {
        this.services = services;
    }

    /** This connection's id as sent in {@code welcome}; null before the handshake. */
    public String connectionId() {
        return connectionId;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        outbound = new ConnectionOutbound(ctx.channel(), services.outboundLimits(), services.metrics(),
                services.outboundBudget());
        rateLimiter = new InboundRateLimiter(services.ratePerSecond(), services.rateBurst(), System.nanoTime());
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof HandshakeComplete hc) {
            onHandshake(ctx, hc);
        } else if (evt instanceof FrameErrorHandler.FrameRejected r) {
            onFrameError(ctx, r.cause());
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    private void onHandshake(ChannelHandlerContext ctx, HandshakeComplete hc) {
        permissions = services.authenticator().authenticate(hc.requestUri(), hc.requestHeaders());
        if (permissions == null) {
            log.debug("{}: rejected handshake without a valid token", ctx.channel().remoteAddress());
            services.metrics().error(ErrorCode.UNAUTHORIZED);
            outbound.closeWith(services.encoder().error(null, ErrorCode.UNAUTHORIZED,
                    "a valid token is required: ?token=<token> or Authorization: Bearer <token>"),
                    CloseCodes.UNAUTHORIZED, "unauthorized");
            return;
        }
        connectionId = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        ctx.channel().attr(CONNECTION_ID).set(connectionId);
        if (batchRequested(hc.requestUri())) {
            outbound.enableBatching();
        }
        // the handshake added the compression encoder (if negotiated) before this event
        if (ctx.pipeline().get(WebSocketExtensionEncoder.class) == null) {
            outbound.enableRawFrames();
        }
        established = true;
        services.metrics().connectionOpened();
        services.clients().add(ctx.channel());
        outbound.deliver(services.encoder().welcome(connectionId, System.currentTimeMillis(),
                services.heartbeatMillis()), 0);
    }

    /** True for {@code ?batch=1} (or {@code true}). */
    static boolean batchRequested(String uri) {
        List<String> values = new QueryStringDecoder(uri).parameters().get("batch");
        return values != null && !values.isEmpty() && ("1".equals(values.get(0)) || "true".equals(values.get(0)));
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ClientMessage msg) {
        if (!established || outbound.isClosed()) {
            return;
        }
        services.metrics().messageIn(msg.type());
        switch (rateLimiter.acquire(System.nanoTime())) {
            case ADMIT:
                break;
            case LIMIT:
                error(msg.id(), ErrorCode.RATE_LIMITED, "too many messages: the limit is "
                        + services.ratePerSecond() + "/s with a burst of " + services.rateBurst());
                return;
            default:
                log.info("{}: closing, flooding far past the rate limit", connectionId);
                services.metrics().error(ErrorCode.RATE_LIMITED);
                outbound.closeWith(services.encoder().error(msg.id(), ErrorCode.RATE_LIMITED,
                        "flooding far past the rate limit; closing"), CloseCodes.RATE_LIMITED, "rate limited");
                return;
        }
        if (msg instanceof ClientMessage.Subscribe s) {
            subscribe(s);
        } else if (msg instanceof ClientMessage.Unsubscribe u) {
            unsubscribe(u);
        } else if (msg instanceof ClientMessage.Heartbeat h) {
            outbound.deliver(services.encoder().heartbeat(h.id(), System.currentTimeMillis()), 0);
        } else if (msg instanceof ClientMessage.Publish p) {
            if (!permissions.contains(Permission.PUBLISH)) {
                error(p.id(), ErrorCode.FORBIDDEN, "publish requires the publish permission");
            } else {
                error(p.id(), ErrorCode.NOT_SUPPORTED, "publish is not supported by this server yet");
            }
        } else if (msg instanceof ClientMessage.Invalid i) {
            error(i.id(), i.code(), i.message());
        }
    }

    private void subscribe(ClientMessage.Subscribe s) {
        if (!permissions.contains(Permission.SUBSCRIBE)) {
            error(s.id(), ErrorCode.FORBIDDEN, "subscribe requires the subscribe permission");
            return;
        }
        List<TopicPattern> patterns = parse(s.id(), s.topics());
        if (patterns == null) {
            return;
        }
        Set<Topic> resolved = new LinkedHashSet<>();
        for (TopicPattern p : patterns) {
            if (p.isExact()) {
                Topic t = p.toTopic();
                if (!services.hub().exists(t)) {
                    error(s.id(), ErrorCode.UNKNOWN_TOPIC, "nothing has been published on topic \"" + t + "\"");
                    return;
                }
                resolved.add(t);
            } else {
                List<Topic> matches = services.hub().resolve(p);
                if (matches.isEmpty()) {
                    error(s.id(), ErrorCode.UNKNOWN_TOPIC, "pattern \"" + p + "\" matches no topic");
                    return;
                }
                resolved.addAll(matches);
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
            subscriptions.add(t);
            services.hub().subscribe(t, outbound, s.id(), resume);
        }
    }

    private void unsubscribe(ClientMessage.Unsubscribe u) {
        List<TopicPattern> patterns = parse(u.id(), u.topics());
        if (patterns == null) {
            return;
        }
        for (TopicPattern p : patterns) {
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

    private void error(RequestId id, ErrorCode code, String message) {
        services.metrics().error(code);
        outbound.deliver(services.encoder().error(id, code, message), 0);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        outbound.writabilityChanged();
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        outbound.channelClosed();
        if (established) {
            established = false;
            services.metrics().connectionClosed();
            for (Topic t : subscriptions) {
                services.hub().unsubscribe(t, outbound, null, false);
            }
            subscriptions.clear();
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
