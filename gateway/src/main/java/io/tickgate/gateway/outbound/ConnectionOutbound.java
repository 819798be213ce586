package io.tickgate.gateway.outbound;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.tickgate.gateway.hub.LoopSubscriber;
import io.tickgate.gateway.hub.WakeupBatch;
import io.tickgate.gateway.metrics.GatewayMetrics;
import io.tickgate.model.topic.Topic;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One connection's outbound path, put together from its parts: any thread may deliver a message into the
 * {@link Inbox}; only the channel's event loop moves it on, into the {@link OutboundQueue} (conflating state
 * snapshots), then to the socket through the {@link FrameWriter} while {@link Channel#isWritable()} (the write-buffer
 * water marks), flushed once per drain. When the channel turns unwritable writing stops and resumes on
 * {@link #writabilityChanged()} (the {@link OutboundHandler} in the pipeline calls it). Every byte is counted by the
 * {@link ConnectionBudget}.
 *
 * <p>Slow-consumer policy:
 * <ul>
 *   <li>While the channel is unwritable, or this connection's own backlog passes half of its budget, the
 *       connection is {@link #congested()}: the hub then sends state topics as conflatable snapshots. A newer
 *       snapshot of a topic replaces the queued one (the old one is released and counted), so a state topic holds
 *       at most one queued snapshot however long the client stalls. The replacement happens in the inbox already,
 *       so it holds even while the event loop is descheduled: a client of state topics only is never closed for
 *       being slow.</li>
 *   <li>A delivery that would take the connection's queued bytes past {@code maxQueuedBytes} closes it with 4008
 *       (slow consumer); what was queued is discarded and counted. Event channels (trade) get here; the client
 *       resumes from history.</li>
 *   <li>The same bytes, and those in the socket's write buffer, are reserved in the process-wide
 *       {@link OutboundBudget}; a refused reservation closes the connection with 4008 too, and the budget's guard
 *       closes the largest backlogs (and connections whose oldest queued message is too old) through
 *       {@link #closeSlowConsumer}. Under the budget's pressure a connection with a backlog conflates its state
 *       topics like a congested one.</li>
 * </ul>
 */
public final class ConnectionOutbound implements LoopSubscriber {

    /** How long a closing connection waits for the client's close frame before the socket is closed. */
    public static final long CLOSE_GRACE_MILLIS = 1_000;

    /**
     * Per-connection outbound limits; {@code writeDelayNanos} &gt; 0 holds hub messages back up to that long, so they
     * leave in fewer, fuller writes ({@link DelayedDrains}).
     */
    public record Limits(long maxQueuedBytes, int maxBatchMessages, int maxBatchBytes, long writeDelayNanos) {

        /** No write delay. */
        public Limits(long maxQueuedBytes, int maxBatchMessages, int maxBatchBytes) {
            this(maxQueuedBytes, maxBatchMessages, maxBatchBytes, 0);
        }
    }

    private final Channel channel;
    private final GatewayMetrics metrics;
    private final OutboundBudget total;
    private final ConnectionBudget budget;
    private final Inbox inbox = new Inbox();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Runnable drainTask = this::drain;
    private volatile boolean closed;
    /** Event loop: something was taken from a hub round's task since the last {@link #wake()}. */
    private boolean taken;
    private final long writeDelayNanos;
    /** Event loop: a delayed drain is on its way ({@link DelayedDrains}). */
    private boolean delayed;
    /** Event loop only: the inbox's messages on their way to the socket. */
    private final OutboundDrain out;
    private final CloseSequence close;

    public ConnectionOutbound(Channel channel, Limits limits, GatewayMetrics metrics, OutboundBudget total) {
        this.channel = channel;
        this.metrics = metrics;
        this.total = total;
        this.writeDelayNanos = limits.writeDelayNanos();
        this.budget = new ConnectionBudget(limits.maxQueuedBytes(), total);
        this.out = new OutboundDrain(channel, inbox, budget, metrics,
                new FrameWriter(channel, limits.maxBatchMessages(), limits.maxBatchBytes()));
        this.close = new CloseSequence(channel, metrics, () -> closed = true,
                discard -> {
                    if (discard) {
                        out.releaseAll();
                    } else {
                        out.writeAll();
                    }
                }, out::syncSocketBytes);
        total.register(this);
    }

    /** Event loop, before the first message: pack several messages per frame from now on ({@code ?batch=1}). */
    public void enableBatching() {
        out.writer().enableBatching();
    }

    /**
     * Event loop, after the handshake: no WebSocket extension encodes this connection's frames, so pre-framed
     * messages go as their shared bytes, written from {@code frameEncoder} (the frame encoder's context; null: the
     * pipeline's tail).
     */
    public void enableRawFrames(ChannelHandlerContext frameEncoder) {
        out.writer().enableRawFrames(frameEncoder);
    }

    /**
     * Queues one whole text frame; takes ownership of {@code frame}. Never blocks.
     *
     * @return false when the connection is closed or was just closed for exceeding its budget
     */
    @Override
    public boolean deliver(ByteBuf frame, long ingestNanos) {
        return enqueue(QueuedMessage.message(frame, ingestNanos, null));
    }

    @Override
    public boolean deliverData(Topic topic, ByteBuf frame, long ingestNanos) {
        // a snapshot still waiting in the inbox must not take in anything queued after it
        inbox.detach(topic);
        return enqueue(QueuedMessage.message(frame, ingestNanos, topic));
    }

    /**
     * Queues a whole WebSocket control frame (a pong, {@link ControlFrames}), counted against the budgets like any
     * message and written in order with them. Takes ownership of {@code wholeFrame}.
     *
     * @return false when the connection is closed or was just closed for exceeding its budget
     */
    public boolean deliverControl(ByteBuf wholeFrame) {
        return enqueue(QueuedMessage.control(wholeFrame));
    }

    /**
     * Puts the snapshot into the inbox, where it replaces the topic's snapshot still waiting there (released, its
     * bytes given back). The new one is admitted before the old one is given back, so the budget never undercounts.
     * Called by the topic's hub shard only.
     */
    @Override
    public boolean deliverConflatable(Topic topic, ByteBuf snapshotFrame, long ingestNanos) {
        if (closed) {
            snapshotFrame.release();
            return false;
        }
        QueuedMessage m = QueuedMessage.snapshot(snapshotFrame, ingestNanos, topic);
        if (!admit(m)) {
            return false;
        }
        QueuedMessage old = inbox.offerSnapshot(m, slot -> WakeupBatch.handOff(this, slot));
        if (old == null) {
            if (!WakeupBatch.inRound()) {
                schedule(); // the slot went into the inbox
            }
        } else {
            old.frame.release();
            budget.unqueuedNow(old.charge());
            metrics.conflated(topic.channel().wireName());
        }
        return true;
    }

    /**
     * True while the socket does not accept more data (above the high water mark), while this connection's own
     * backlog is past half of its budget (its event loop is behind: descheduled, or busy with other
     * connections), or while the process-wide budget is under pressure and this connection has a backlog.
     */
    @Override
    public boolean congested() {
        return !channel.isWritable() || budget.backlogged()
                || total.underPressure() && budget.queued() > OutboundBudget.PRESSURE_BACKLOG_BYTES;
    }

    private boolean enqueue(QueuedMessage m) {
        if (closed) {
            m.frame.release();
            return false;
        }
        if (!admit(m)) {
            return false;
        }
        // a hub shard hands it over in its round's task, in the shard's order; any other thread through the inbox
        if (!WakeupBatch.handOff(this, m)) {
            inbox.offer(m);
            schedule();
        }
        return true;
    }

    /** Counts {@code m} against the budgets; past either, releases it, closes the connection (4008), false. */
    private boolean admit(QueuedMessage m) {
        ConnectionBudget.Admission admission = budget.admit(m.charge(), m.conflatable);
        if (admission == ConnectionBudget.Admission.ADMITTED) {
            return true;
        }
        m.frame.release();
        switch (admission) {
            case CONNECTION_FULL -> closeSlowConsumer(GatewayMetrics.SLOW_CONNECTION_BUDGET, "more than "
                    + budget.maxQueuedBytes() + " bytes queued");
            case TOTAL_RESERVED -> closeSlowConsumer(GatewayMetrics.SLOW_TOTAL_BUDGET, "the gateway's outbound total "
                    + "is past " + OutboundBudget.RESERVE_FRACTION_TEXT + " of its cap of " + total.maxTotalBytes()
                    + " bytes, the rest kept for connections that keep up, and " + budget.queued()
                    + " bytes wait here");
            default -> closeSlowConsumer(GatewayMetrics.SLOW_TOTAL_BUDGET, "the gateway's outbound total is at its "
                    + "cap of " + total.maxTotalBytes() + " bytes");
        }
        return false;
    }

    /** Budget bytes of the messages queued here (not yet handed to the channel). */
    public long queuedBytes() {
        return budget.queued();
    }

    /** Queued bytes plus those in the socket's write buffer: what closing this connection gives back. */
    long backlogBytes() {
        return budget.backlog();
    }

    /** {@link System#nanoTime()} when the oldest message not yet handed to the channel was queued; 0 when none. */
    long oldestQueuedNanos() {
        return out.oldestQueuedNanos();
    }

    /** True once the connection is closing or closed; later deliveries are dropped. */
    public boolean isClosed() {
        return closed;
    }

    /** Makes sure a drain follows: a task of its own on the event loop. */
    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                channel.eventLoop().execute(drainTask);
            } catch (RejectedExecutionException e) {
                wakeRejected();
            }
        }
    }

    @Override
    public Executor executor() {
        return channel.eventLoop();
    }

    /** Event loop: a message (or a snapshot's slot) a hub round handed over. */
    @Override
    public boolean take(Object item) {
        boolean first = firstTake();
        QueuedMessage m = Inbox.unwrap(item);
        if (m != null) {
            if (closed) {
                drop(m);
            } else {
                accept(m);
            }
        }
        return first;
    }

    /**
     * Event loop: an event topic's message shared with the loop's other subscribers: copied straight into this
     * drain's write when nothing is queued before it and the socket takes more, else queued like any message.
     */
    @Override
    public boolean takeShared(Topic topic, ByteBuf frame, long ingestNanos) {
        boolean first = firstTake();
        if (!closed && !out.writeThrough(frame, ingestNanos)) {
            QueuedMessage m = QueuedMessage.message(frame.retainedDuplicate(), ingestNanos, topic);
            if (admit(m)) {
                accept(m);
            }
        }
        return first;
    }

    /** Event loop: queues an admitted message; should that throw, its reference and charge are given back. */
    private void accept(QueuedMessage m) {
        try {
            out.accept(m);
        } catch (RuntimeException | Error e) {
            drop(m);
            throw e;
        }
    }

    /** True for the first item taken since the last {@link #wake()}. */
    private boolean firstTake() {
        boolean first = !taken;
        taken = true;
        return first;
    }

    /** Drains now, or with the write delay once per delay ({@link DelayedDrains}). */
    @Override
    public void wake() {
        taken = false;
        if (writeDelayNanos == 0) {
            drain();
        } else if (!delayed) {
            delayed = DelayedDrains.add(channel.eventLoop(), this, writeDelayNanos);
            if (!delayed) {
                drain();
            }
        }
    }

    /** Event loop: the write delay is over. */
    void delayedDrain() {
        delayed = false;
        drain();
    }

    @Override
    public void takeRejected(Object item) {
        QueuedMessage m = Inbox.unwrap(item);
        if (m != null) {
            drop(m);
        }
    }

    private void drop(QueuedMessage m) {
        m.frame.release();
        budget.unqueuedNow(m.charge());
        metrics.dropped(1);
    }

    /** The event loop is shutting down: nothing will be written any more; gives the bytes back directly. */
    @Override
    public void wakeRejected() {
        closed = true;
        QueuedMessage m;
        while ((m = inbox.poll()) != null) {
            m.frame.release();
            budget.unqueuedNow(m.charge());
        }
    }

    /** Event loop only: takes the inbox, then writes queued messages while the channel is writable. */
    public void drain() {
        scheduled.set(false);
        if (closed) {
            // the close task writes or releases what is queued, channelClosed() releases the rest
            if (!channel.isActive()) {
                out.releaseAll();
            }
            return;
        }
        out.drain();
    }

    /** Event loop only: the channel's writability changed; resume writing when writable. */
    public void writabilityChanged() {
        if (channel.isWritable()) {
            drain();
        }
    }

    /**
     * Closes the connection with a WebSocket close code. Frames already queued are still written (they are within
     * the budget), then {@code lastMessage} if not null (e.g. the error explaining the close), then the close frame;
     * later deliveries are dropped. The socket is closed when the client answers the close frame, or
     * {@value #CLOSE_GRACE_MILLIS} ms later. Any thread.
     */
    public void closeWith(ByteBuf lastMessage, int code, String reason) {
        close.closeWith(lastMessage, code, reason);
    }

    /**
     * Closes the connection with 4008 (slow consumer), discarding what is queued; counted by {@code reason}
     * ({@link GatewayMetrics#SLOW_CONNECTION_BUDGET}, {@link GatewayMetrics#SLOW_TOTAL_BUDGET},
     * {@link GatewayMetrics#SLOW_QUEUE_AGE}). Any thread; only the first close counts.
     */
    void closeSlowConsumer(String reason, String detail) {
        close.closeSlowConsumer(reason, detail);
    }

    /** Event loop only: the channel closed; release everything queued now and later. */
    public void channelClosed() {
        close.channelClosed();
        closed = true;
        out.releaseAll();
        budget.sync(0);
        total.unregister(this);
    }
}
