package io.tickgate.gateway.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.util.AttributeKey;
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
import io.tickgate.gateway.publish.Publishing;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session of one WebSocket client, as a Netty handler: at the handshake it makes the connection's parts and has
 * it authenticated ({@link ConnectionAuth}), sends {@code welcome}, then admits each decoded {@link ClientMessage}
 * and control frame under the rate limit ({@link InboundAdmission}) and dispatches it: subscribe and unsubscribe to
 * {@link SubscriptionRequests}, publish to {@link ClientPublish}, heartbeats answered here. It releases the
 * connection's subscriptions when the channel closes and answers rejected frames ({@link RejectedFrames}). All state
 * here and in those parts is owned by the channel's event loop; everything sent to the client goes through its
 * {@link ConnectionOutbound}.
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
    private final ConnectionOutbound outbound;
    private final ClientErrors errors;
    private ConnectionAuth auth;
    /** The parts that handle requests, made at the handshake once the connection id is known. */
    private InboundAdmission admission;
    private ConnectionSubscriptions subscriptions;
    private SubscriptionRequests subscriptionRequests;
    private ClientPublish publish;
    private String connectionId;
    private boolean established;
    private long establishedAtMillis;

    /** A session sending through {@code outbound}, which the pipeline's {@code OutboundHandler} also holds. */
    public SessionHandler(Services services, ConnectionOutbound outbound) {
        this.services = services;
        this.outbound = outbound;
        this.errors = new ClientErrors(services, outbound);
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
        auth = new ConnectionAuth(this, services, errors);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof HandshakeComplete hc) {
            onHandshake(ctx, hc);
        } else if (evt instanceof FrameErrorHandler.FrameRejected r) {
            RejectedFrames.close(ctx.channel(), r.cause(), services, outbound);
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
        admission = new InboundAdmission(services, ctx.channel(), outbound, errors, connectionId);
        subscriptions = new ConnectionSubscriptions(this, services, ctx.channel(), auth, errors);
        subscriptionRequests = new SubscriptionRequests(this, ctx, services.hub(),
                new TopicResolution(services.hub(), auth, errors), subscriptions, errors);
        publish = new ClientPublish(services, auth, outbound, errors, connectionId);
        OutboundFraming.apply(ctx, hc.requestUri(), outbound);
        auth.start(ctx, hc.requestUri(), hc.requestHeaders());
    }

    /** Called by {@link ConnectionAuth} once the connection is authenticated (or anonymous): sends welcome. */
    void establish(ChannelHandlerContext ctx, Principal p) {
        established = true;
        establishedAtMillis = System.currentTimeMillis();
        services.metrics().connectionOpened();
        services.clients().add(ctx.channel());
        services.cluster().register(ctx.channel(), connectionId, p.subject(), establishedAtMillis);
        outbound.deliver(services.encoder().welcome(connectionId, System.currentTimeMillis(),
                services.heartbeatMillis(), p.subject(), p.expiresAtMillis(), services.ratePerSecond(),
                services.rateBurst()), 0);
    }

    /** Called by {@link ConnectionAuth} when an anonymous connection authenticated as {@code user}. */
    void identified(ChannelHandlerContext ctx, String user) {
        services.cluster().register(ctx.channel(), connectionId, user, establishedAtMillis);
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
        if (subscriptionRequests.holds(msg)) {
            return; // answered in order after the subscribe that waits for the topic directory
        }
        services.metrics().messageIn(msg.type());
        if (!admission.admit(msg.id(), true, SubscriptionRequests.weight(msg))) {
            return;
        }
        if (msg instanceof ClientMessage.Subscribe s) {
            subscriptionRequests.subscribe(s);
        } else if (msg instanceof ClientMessage.Unsubscribe u) {
            subscriptionRequests.unsubscribe(u);
        } else if (msg instanceof ClientMessage.Heartbeat h) {
            outbound.deliver(services.encoder().heartbeat(h.id(), System.currentTimeMillis()), 0);
        } else if (msg instanceof ClientMessage.Refresh r) {
            auth.refresh(ctx, r.id(), r.token());
        } else if (msg instanceof ClientMessage.Auth a) {
            auth.refresh(ctx, a.id(), a.token());
        } else if (msg instanceof ClientMessage.Publish p) {
            publish.handle(p);
        } else if (msg instanceof ClientMessage.Invalid i) {
            errors.error(i.id(), i.code(), i.message());
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
        if (admission.admit(null, false) && pingPayload != null) {
            outbound.deliverControl(ControlFrames.pong(alloc, pingPayload));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        auth.closed();
        // the OutboundHandler before this one has released what was queued
        if (established) {
            established = false;
            services.metrics().connectionClosed();
            services.cluster().closed(connectionId);
            subscriptions.release();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException || cause instanceof CorruptedWebSocketFrameException
                || cause instanceof DecompressionException) {
            // DecompressionException: a permessage-deflate message inflating past maxFrameBytes
            RejectedFrames.close(ctx.channel(), cause, services, outbound);
        } else if (ClientGone.handle(ctx.channel(), cause, services.metrics())) {
            ctx.close();
        } else {
            log.warn("{}: unexpected error; closing", ctx.channel().remoteAddress(), cause);
            ctx.close();
        }
    }
}
