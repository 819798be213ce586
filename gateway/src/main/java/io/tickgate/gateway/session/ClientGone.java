package io.tickgate.gateway.session;

import io.netty.channel.Channel;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.util.AttributeKey;
import io.tickgate.gateway.metrics.GatewayMetrics;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recognises the errors a client that simply went away produces (gone in the middle of a fragmented message,
 * connection reset, broken pipe, write to a closed channel) so they are logged as one DEBUG line and counted
 * ({@code tickgate.gateway.client.gone{reason}}, once per connection) instead of a WARN with a stack trace: a
 * client can produce them at will, so logging them loudly would let it flood the log.
 */
public final class ClientGone {

    /** The channel closed while a fragmented message was still being joined. */
    public static final String MID_MESSAGE = "mid_message";
    /** The peer reset the connection. */
    public static final String RESET = "reset";
    /** A write to a connection the peer had already closed. */
    public static final String BROKEN_PIPE = "broken_pipe";
    /** An operation on a channel already closed locally. */
    public static final String CLOSED_CHANNEL = "closed_channel";
    /** Any other socket I/O error. */
    public static final String IO_ERROR = "io_error";

    private static final Logger log = LoggerFactory.getLogger(ClientGone.class);
    private static final AttributeKey<Boolean> COUNTED = AttributeKey.valueOf("tickgate.clientGoneCounted");

    private ClientGone() {
    }

    /** The reason tag when {@code cause} is an expected disconnect, else null. */
    public static String reason(Throwable cause) {
        if (cause instanceof PrematureChannelClosureException) {
            return MID_MESSAGE;
        }
        if (cause instanceof ClosedChannelException) {
            return CLOSED_CHANNEL;
        }
        if (cause instanceof IOException) {
            String m = cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
            if (m.contains("reset")) {
                return RESET;
            }
            if (m.contains("broken pipe")) {
                return BROKEN_PIPE;
            }
            return IO_ERROR;
        }
        return null;
    }

    /**
     * Logs and counts {@code cause} if it is an expected disconnect (counted once per channel, as one drop can
     * raise several such errors).
     *
     * @return true if it was one (the caller only closes the channel), false if it is a real error
     */
    public static boolean handle(Channel ch, Throwable cause, GatewayMetrics metrics) {
        String reason = reason(cause);
        if (reason == null) {
            return false;
        }
        if (ch.attr(COUNTED).setIfAbsent(Boolean.TRUE) == null) {
            metrics.clientGone(reason);
            log.debug("{}: client gone ({}): {}", ch.remoteAddress(), reason, cause.toString());
        }
        return true;
    }
}
