package io.tickgate.gateway.admission;

import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.util.concurrent.ScheduledFuture;

/**
 * One connection's admission state, kept as a channel attribute. Touched only on the channel's event loop.
 */
final class AdmissionTicket {

    static final AttributeKey<AdmissionTicket> KEY = AttributeKey.valueOf("tickgate.admission");

    final InetAddress peer;
    /** Why it was refused; null while admitted. */
    Refusal refusal;
    /** The per-IP key this connection is counted under; null when not (yet) counted. */
    InetAddress charged;
    /** The peer is a trusted proxy: per-IP limits are charged to the forwarded client at the first request. */
    boolean deferred;
    /**
     * The peer is a trusted proxy: every request names its own client ({@code X-Forwarded-For}), since a proxy
     * reuses one upstream connection for requests of different clients.
     */
    boolean proxied;
    /** Counted against the global limit. */
    boolean admitted;
    boolean upgraded;
    /** At least one plain HTTP request was passed on (its idle close is no handshake timeout). */
    boolean served;
    boolean released;
    ScheduledFuture<?> timer;

    AdmissionTicket(InetAddress peer) {
        this.peer = peer;
    }

    void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
