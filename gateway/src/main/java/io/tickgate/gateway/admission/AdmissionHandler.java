package io.tickgate.gateway.admission;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * First handler of every client connection: counts the socket, decides whether it is admitted (global limit, the
 * peer's per-IP limits unless the peer is a trusted proxy) and arms the handshake timer. A refused connection
 * stays open only until its first request is answered by {@link AdmissionHttpHandler}, at most
 * {@link #REFUSED_ANSWER_MILLIS}; past the hard limit it is closed at once.
 */
@ChannelHandler.Sharable
public final class AdmissionHandler extends ChannelInboundHandlerAdapter {

    /** Longest a refused connection is kept open waiting for the request to answer. */
    public static final long REFUSED_ANSWER_MILLIS = 2_000;

    private final Admission admission;

    public AdmissionHandler(Admission admission) {
        this.admission = admission;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Channel ch = ctx.channel();
        InetAddress peer = ch.remoteAddress() instanceof InetSocketAddress s ? s.getAddress()
                : InetAddress.getLoopbackAddress();
        AdmissionTicket t = admission.admit(peer);
        ch.attr(AdmissionTicket.KEY).set(t);
        ch.attr(ClientAddress.KEY).set(peer);
        if (t.refusal == Refusal.GLOBAL_OVERFLOW) {
            ctx.close();
            return;
        }
        long timeout = admission.config().handshakeTimeoutMillis();
        arm(ctx, admission, t, t.refusal == null ? timeout : Math.min(timeout, REFUSED_ANSWER_MILLIS));
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        AdmissionTicket t = ctx.channel().attr(AdmissionTicket.KEY).get();
        if (t != null) {
            admission.release(t);
        }
        ctx.fireChannelInactive();
    }

    /** (Re)starts the handshake timer: closes the connection unless it upgrades to WebSocket in time. */
    static void arm(ChannelHandlerContext ctx, Admission admission, AdmissionTicket t, long millis) {
        t.cancelTimer();
        Channel ch = ctx.channel();
        t.timer = ctx.executor().schedule(() -> {
            if (!t.upgraded && ch.isActive()) {
                if (t.refusal == null && !t.served) { // refusals were counted; idle keep-alive is normal
                    admission.timedOut();
                }
                ch.close();
            }
        }, millis, TimeUnit.MILLISECONDS);
    }
}
