package io.tickgate.gateway.outbound;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.tickgate.gateway.hub.Subscriber;
import io.tickgate.gateway.metrics.GatewayMetrics;
import io.tickgate.gateway.protocol.CloseCodes;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's outbound path. Any thread may {@link #deliver} a serialized message; only the channel's event
 * loop writes. Frames are queued, then a drain task on the event loop writes as many as the channel accepts
 * ({@link Channel#isWritable()}) and flushes once per drained batch. When the channel turns unwritable the drain
 * stops and resumes on {@link #writabilityChanged()}.
 *
 * <p>Budget: queued bytes are counted; a connection whose queue grows past {@code maxQueuedBytes} is closed with
 * 4008 (slow consumer) and counted. Its queue is released, so memory stays bounded.
 */
public final class ConnectionOutbound implements Subscriber {

    private static final Logger log = LoggerFactory.getLogger(ConnectionOutbound.class);
    /** How long a closing connection waits for the client's close frame before the socket is closed. */
    public static final long CLOSE_GRACE_MILLIS = 1_000;

    private record Frame(ByteBuf content, long ingestNanos) {
    }

    private final Channel channel;
    private final long maxQueuedBytes;
    private final GatewayMetrics metrics;
    private final Queue<Frame> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Runnable drainTask = this::drain;
    private volatile boolean closed;

    public ConnectionOutbound(Channel channel, long maxQueuedBytes, GatewayMetrics metrics) {
        this.channel = channel;
        this.maxQueuedBytes = maxQueuedBytes;
        this.metrics = metrics;
    }

    /**
     * Queues one whole text frame; takes ownership of {@code frame}. Never blocks.
     *
     * @return false when the connection is closed or was just closed for exceeding its budget
     */
    @Override
    public boolean deliver(ByteBuf frame, long ingestNanos) {
        if (closed) {
            frame.release();
            return false;
        }
        int size = frame.readableBytes();
        if (queuedBytes.addAndGet(size) > maxQueuedBytes) {
            queuedBytes.addAndGet(-size);
            frame.release();
            slowConsumer();
            return false;
        }
        queue.offer(new Frame(frame, ingestNanos));
        schedule();
        return true;
    }

    /** Bytes currently queued (not yet handed to the channel). */
    public long queuedBytes() {
        return queuedBytes.get();
    }

    /** True once the connection is closing or closed; later deliveries are dropped. */
    public boolean isClosed() {
        return closed;
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                channel.eventLoop().execute(drainTask);
            } catch (RejectedExecutionException e) {
                // the event loop is shutting down: nothing will be written any more
                closed = true;
                releaseQueue();
            }
        }
    }

    /** Event loop only: writes queued frames while the channel is writable, then flushes once. */
    public void drain() {
        for (;;) {
            if (closed) {
                // the close task writes or releases what is queued, channelClosed() releases the rest
                if (!channel.isActive()) {
                    releaseQueue();
                }
                scheduled.set(false);
                return;
            }
            writeBatch();
            if (!channel.isWritable()) {
                // stay "scheduled": writabilityChanged() resumes; deliveries just queue meanwhile
                return;
            }
            scheduled.set(false);
            if (queue.isEmpty() || !scheduled.compareAndSet(false, true)) {
                return;
            }
        }
    }

    private void writeBatch() {
        int written = 0;
        long oldestIngest = 0;
        Frame f;
        while (channel.isWritable() && (f = queue.poll()) != null) {
            queuedBytes.addAndGet(-f.content().readableBytes());
            if (oldestIngest == 0 && f.ingestNanos() != 0) {
                oldestIngest = f.ingestNanos();
            }
            channel.write(new TextWebSocketFrame(f.content()), channel.voidPromise());
            written++;
        }
        if (written > 0) {
            channel.flush();
            metrics.messagesOut(written);
            if (oldestIngest != 0) {
                metrics.fanoutLatency(oldestIngest);
            }
        }
    }

    /** Event loop only: the channel's writability changed; resume draining when writable. */
    public void writabilityChanged() {
        if (channel.isWritable()) {
            scheduled.set(true);
            drain();
        }
    }

    /**
     * Closes the connection with a WebSocket close code. Frames already queued are still written (they are within
     * the budget), then {@code lastMessage} if not null (e.g. the error explaining the close), then the close frame;
     * later deliveries are dropped. The socket is closed when the client answers the close frame, or after
     * {@value #CLOSE_GRACE_MILLIS} ms. Any thread.
     */
    public void closeWith(ByteBuf lastMessage, int code, String reason) {
        closeWith(lastMessage, code, reason, false);
    }

    private void closeWith(ByteBuf lastMessage, int code, String reason, boolean discardQueued) {
        if (!closing.compareAndSet(false, true)) {
            if (lastMessage != null) {
                lastMessage.release();
            }
            return;
        }
        closed = true;
        metrics.closed(code);
        Runnable task = () -> {
            if (discardQueued || !channel.isActive()) {
                releaseQueue();
            } else {
                writeAll();
            }
            if (!channel.isActive()) {
                if (lastMessage != null) {
                    lastMessage.release();
                }
                return;
            }
            if (lastMessage != null) {
                channel.write(new TextWebSocketFrame(lastMessage), channel.voidPromise());
            }
            channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(
                    (ChannelFutureListener) f -> f.channel().eventLoop().schedule(
                            () -> f.channel().close(), CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS));
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

    /** Event loop only: the channel closed; release everything queued now and later. */
    public void channelClosed() {
        closing.set(true);
        closed = true;
        releaseQueue();
    }

    private void slowConsumer() {
        if (closing.get()) {
            return;
        }
        log.info("closing slow consumer {}: more than {} bytes queued", channel.remoteAddress(), maxQueuedBytes);
        metrics.slowConsumerDisconnect();
        closeWith(null, CloseCodes.SLOW_CONSUMER, "slow consumer", true);
    }

    /** Writes everything queued regardless of writability (bounded by the budget); no flush. */
    private void writeAll() {
        Frame f;
        while ((f = queue.poll()) != null) {
            queuedBytes.addAndGet(-f.content().readableBytes());
            channel.write(new TextWebSocketFrame(f.content()), channel.voidPromise());
        }
    }

    private void releaseQueue() {
        Frame f;
        while ((f = queue.poll()) != null) {
            queuedBytes.addAndGet(-f.content().readableBytes());
            f.content().release();
        }
    }
}
