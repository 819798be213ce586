package io.tickgate.gateway.session;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaders;
import io.tickgate.gateway.auth.AuthException;
import io.tickgate.gateway.auth.Authenticator;
import io.tickgate.gateway.auth.HandshakeToken;
import io.tickgate.gateway.auth.Principal;
import io.tickgate.gateway.outbound.ConnectionOutbound;
import io.tickgate.gateway.protocol.ClientMessage;
import io.tickgate.gateway.protocol.CloseCodes;
import io.tickgate.gateway.protocol.ErrorCode;
import io.tickgate.gateway.protocol.RequestId;
import io.tickgate.model.topic.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One connection's authentication, owned by its event loop. After the handshake: a token found in it is verified
 * (on the auth thread; reading stops meanwhile and messages already decoded are held, then handled in order); with
 * none, auth required waits {@code authTimeoutMillis} for an {@code auth} first message; otherwise the connection
 * is anonymous. Once authenticated, the token's expiry (plus the clock skew) closes the connection with 4001 unless
 * a {@code refresh} for the same subject replaced it. Every refusal is counted and logged by the
 * {@link Authenticator}.
 */
final class ConnectionAuth {

    private final SessionHandler session;
    private final SessionHandler.Services services;
    private final Authenticator authenticator;
    private final ClientErrors errors;
    private Principal principal;
    private boolean awaitingAuth;
    private boolean verifying;
    /** A refresh's token is being verified (at most one per connection). */
    private boolean refreshing;
    private List<ClientMessage> held = new ArrayList<>();
    /** The auth-message timeout before the session is established, the token's expiry after. */
    private ScheduledFuture<?> timer;

    ConnectionAuth(SessionHandler session, SessionHandler.Services services, ClientErrors errors) {
        this.session = session;
        this.services = services;
        this.authenticator = services.authenticator();
        this.errors = errors;
    }

    /** Who the connection is; null before it is established. */
    Principal principal() {
        return principal;
    }

    /**
     * Whether the connection may subscribe to {@code t}: a user's personal topic ({@code user.<id>.inbox}) is its
     * owner's alone, whatever the ACL says (a {@code **} grant included); any other topic as the ACL says. The one
     * rule for exact topics, pattern expansions and topics a live pattern picks up later.
     */
    boolean maySubscribe(Topic t) {
        String owner = t.inboxOwner();
        return owner != null ? owner.equals(principal.subject()) : principal.acl().maySubscribe(t.toString());
    }

    /** After the WebSocket handshake. */
    void start(ChannelHandlerContext ctx, String requestUri, HttpHeaders headers) {
        String token = authenticator.enabled() ? HandshakeToken.find(requestUri, headers) : null;
        if (token != null) {
            authenticate(ctx, token);
        } else if (authenticator.required()) {
            awaitingAuth = true;
            long wait = authenticator.authTimeoutMillis();
            timer = ctx.executor().schedule(() -> refuse(ctx, new AuthException(AuthException.Reason.TIMEOUT,
                    "no auth message within " + wait + " ms")), wait, TimeUnit.MILLISECONDS);
        } else {
            establish(ctx, authenticator.anonymous());
        }
    }

    /** A message before {@code welcome}: held while verifying; otherwise it must be {@code auth}. */
    void beforeWelcome(ChannelHandlerContext ctx, ClientMessage msg) {
        if (verifying) {
            held.add(msg); // bounded: reading is off while verifying
        } else if (awaitingAuth) {
            awaitingAuth = false;
            cancelTimer();
            if (msg instanceof ClientMessage.Auth a) {
                authenticate(ctx, a.token());
            } else {
                refuse(ctx, new AuthException(AuthException.Reason.MISSING,
                        "first message was " + msg.type() + ", not auth"));
            }
        }
    }

    /**
     * A new token for the same subject: its ACL applies to later requests, its expiry replaces the old one. A
     * refused refresh is answered with UNAUTHORIZED; the current token stays in force.
     */
    void refresh(ChannelHandlerContext ctx, RequestId id, String token) {
        if (!authenticator.enabled()) {
            errors.error(id, ErrorCode.NOT_SUPPORTED, "authentication is off on this server");
            return;
        }
        if (refreshing) {
            // one verification per connection at a time: the verifier's queue is shared by every connection
            errors.error(id, ErrorCode.RATE_LIMITED, "a refresh is being verified; send the next after its answer");
            return;
        }
        refreshing = true;
        authenticator.verify(token).whenComplete((p, err) -> ctx.executor().execute(() -> {
            refreshing = false;
            if (!session.established() || outbound().isClosed()) {
                return;
            }
            AuthException e = err != null ? authException(err)
                    : principal.authenticated() && !principal.subject().equals(p.subject())
                    ? new AuthException(AuthException.Reason.SUBJECT_CHANGED, "sub " + p.subject()) : null;
            if (e != null) {
                authenticator.refused(ctx.channel().remoteAddress(), principal.subject(), e);
                errors.error(id, ErrorCode.UNAUTHORIZED, "refresh refused: " + e.reason().text()
                        + "; the current token stays in force until it expires");
                return;
            }
            boolean identified = !principal.authenticated() && p.subject() != null;
            principal = p;
            scheduleExpiry(ctx);
            if (identified) {
                session.identified(ctx, p.subject()); // an anonymous connection became the user's
            }
            outbound().deliver(services.encoder().refreshed(id, p.expiresAtMillis()), 0);
        }));
    }

    /** The channel closed. */
    void closed() {
        cancelTimer();
    }

    private void authenticate(ChannelHandlerContext ctx, String token) {
        verifying = true;
        ctx.channel().config().setAutoRead(false);
        authenticator.verify(token).whenComplete((p, err) -> ctx.executor().execute(() -> {
            verifying = false;
            if (outbound().isClosed() || !ctx.channel().isActive()) {
                return;
            }
            if (err != null) {
                refuse(ctx, authException(err));
                return;
            }
            ctx.channel().config().setAutoRead(true);
            establish(ctx, p);
            List<ClientMessage> replay = held;
            held = new ArrayList<>();
            for (ClientMessage m : replay) {
                session.channelRead0(ctx, m);
            }
        }));
    }

    private void establish(ChannelHandlerContext ctx, Principal p) {
        principal = p;
        session.establish(ctx, p);
        scheduleExpiry(ctx);
    }

    /** Closes the connection at the token's expiry plus the clock skew. */
    private void scheduleExpiry(ChannelHandlerContext ctx) {
        cancelTimer();
        if (!principal.authenticated()) {
            return;
        }
        long delay = principal.expiresAtMillis() + authenticator.clockSkewMillis() - System.currentTimeMillis();
        timer = ctx.executor().schedule(() -> refuse(ctx, new AuthException(AuthException.Reason.EXPIRED,
                "no refresh before exp")), Math.max(0, delay), TimeUnit.MILLISECONDS);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** Logs and counts a refused token and closes the connection with 4001 and the reason. */
    private void refuse(ChannelHandlerContext ctx, AuthException e) {
        if (outbound().isClosed()) {
            return;
        }
        authenticator.refused(ctx.channel().remoteAddress(), principal == null ? null : principal.subject(), e);
        services.metrics().error(ErrorCode.UNAUTHORIZED);
        outbound().closeWith(services.encoder().error(null, ErrorCode.UNAUTHORIZED,
                "authentication failed: " + e.reason().text()), CloseCodes.UNAUTHORIZED, e.reason().text());
    }

    private ConnectionOutbound outbound() {
        return session.outbound();
    }

    private static AuthException authException(Throwable err) {
        Throwable t = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        return t instanceof AuthException a ? a : new AuthException(AuthException.Reason.MALFORMED, t.toString());
    }
}
