package io.tickgate.gateway.outbound;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;

/**
 * Keeps a connection's {@link ConnectionBudget} in step with the bytes still in its socket's write buffer. Netty
 * counts a written entry out only after notifying its promise, so while bytes remain an empty write is queued behind
 * them whose completion looks again (in a task of its own): the count follows the socket even without further
 * writes. Event loop only.
 */
final class SocketBytes {

    private final Channel channel;
    private final ConnectionBudget budget;
    private boolean armed;
    private final Runnable recheck = () -> {
        armed = false;
        sync();
    };
    /**
     * Looks again once the empty write is through. A refused one (Netty's WebSocket handler fails every write after
     * it answered the client's close frame; or the channel closed) is not retried: while bytes remained unsent,
     * retrying spun the event loop, building an exception per turn, until the socket closed (seen with io_uring,
     * where bytes are in flight after every flush). The count is zeroed when the channel closes.
     */
    private final ChannelFutureListener written = f -> {
        if (f.isSuccess()) {
            f.channel().eventLoop().execute(recheck);
        }
    };

    SocketBytes(Channel channel, ConnectionBudget budget) {
        this.channel = channel;
        this.budget = budget;
    }

    /** Brings the budget up to date with the write buffer; arms a look-again while bytes remain. */
    void sync() {
        ChannelOutboundBuffer ob = channel.unsafe().outboundBuffer();
        long now = ob == null || !channel.isActive() ? 0 : ob.totalPendingWriteBytes();
        budget.sync(now);
        if (now > 0 && !armed) {
            armed = true;
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written);
        }
    }
}
