package io.tickgate.gateway.admission;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The client address of a connection: the TCP peer, or the {@code X-Forwarded-For} client when the peer is a
 * trusted proxy (set by the admission handlers; other handlers read it, e.g. for ops access and logging).
 */
public final class ClientAddress {

    /** Set by {@link AdmissionHandler} (the peer) and replaced by {@link AdmissionHttpHandler} behind a proxy. */
    public static final AttributeKey<InetAddress> KEY = AttributeKey.valueOf("tickgate.clientAddress");

    private ClientAddress() {
    }

    /** The client address of {@code ch}: the attribute when set, else the TCP peer's address, else null. */
    public static InetAddress of(Channel ch) {
        InetAddress a = ch.attr(KEY).get();
        if (a != null) {
            return a;
        }
        return ch.remoteAddress() instanceof InetSocketAddress s ? s.getAddress() : null;
    }
}
