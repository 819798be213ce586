package io.tickgate.gateway.outbound;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.tickgate.gateway.metrics.GatewayMetrics;
import io.tickgate.gateway.protocol.CloseCodes;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a connection's outbound path closes, once: the first caller (any thread) wins; on the event loop what is
 * queued is written (or, for a slow consumer, discarded), then the last message and the close frame, and the socket
 * is closed when the client answers or {@link ConnectionOutbound#CLOSE_GRACE_MILLIS} later.
 */
final class CloseSequence {

    private static final Logger log = LoggerFactory.getLogger(CloseSequence.class);

    private final Channel channel;
    private final GatewayMetrics metrics;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Runnable markClosed;
    private final Consumer<Boolean> emptyQueue;
    private final Runnable afterCloseFrame;

    /**
     * @param markClosed      runs first, on the closing thread: later deliveries are dropped
     * @param emptyQueue      event loop: {@code true} discards what is queued, {@code false} writes it
     * @param afterCloseFrame event loop, after the close frame was written (socket-byte accounting)
     */
    CloseSequence(Channel channel, GatewayMetrics metrics, Runnable markClosed, Consumer<Boolean> emptyQueue,
                  Runnable afterCloseFrame) {
        this.channel = channel;
        this.metrics = metrics;
        this.markClosed = markClosed;
        this.emptyQueue = emptyQueue;
        this.afterCloseFrame = afterCloseFrame;
    }

    /** See {@link ConnectionOutbound#closeWith}. */
    void closeWith(ByteBuf lastMessage, int code, String reason) {
        if (!closing.compareAndSet(false, true)) {
            if (lastMessage != null) {
                lastMessage.release();
            }
            return;
        }
        start(lastMessage, code, reason, false);
    }

    /** See {@link ConnectionOutbound#closeSlowConsumer}. */
    void closeSlowConsumer(String reason, String detail) {
        if (!closing.compareAndSet(false, true)) {
            // already closing: neither counted nor closed twice (two threads may find the same connection slow)
            return;
        }
        log.info("closing slow consumer {}: {}", channel.remoteAddress(), detail);
        metrics.slowConsumerDisconnect(reason);
        start(null, CloseCodes.SLOW_CONSUMER, "slow consumer", true);
    }

    /** The channel closed by itself: no close sequence will run any more. */
    void channelClosed() {
        closing.set(true);
    }

    private void start(ByteBuf lastMessage, int code, String reason, boolean discardQueued) {
        markClosed.run();
        metrics.closed(code);
        Runnable task = () -> {
            emptyQueue.accept(discardQueued || !channel.isActive());
            if (!channel.isActive()) {
                if (lastMessage != null) {
                    lastMessage.release();
                }
                return;
            }
            OutboundHandler.closeWithGrace(channel, lastMessage, code, reason,
                    ConnectionOutbound.CLOSE_GRACE_MILLIS);
            afterCloseFrame.run();
        };
        if (channel.eventLoop().inEventLoop()) {
            task.run();
        } else {
            try {
                channel.eventLoop().execute(task);
            } catch (RejectedExecutionException e) {
                if (lastMessage != null) {
                    lastMessage.release();
                }
                channel.close();
            }
        }
    }
}
