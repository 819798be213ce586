package io.tickgate.gateway.outbound;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.tickgate.gateway.codec.TextFrameHeader;
import io.tickgate.gateway.hub.Subscriber;
import io.tickgate.gateway.metrics.GatewayMetrics;
import io.tickgate.gateway.protocol.CloseCodes;
import io.tickgate.model.topic.Topic;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's outbound path. Any thread may {@link #deliver} a serialized message into the inbox; only the
 * channel's event loop moves it on: into the pending queue (conflating state snapshots), then to the socket while
 * {@link Channel#isWritable()} (the write-buffer water marks), flushed once per drained batch. When the channel
 * turns unwritable writing stops and resumes on {@link #writabilityChanged()}.
 *
 * <p>Slow-consumer policy:
 * <ul>
 *   <li>While the channel is unwritable, or this connection's own backlog passes a quarter of its budget, the
 *       connection is {@link #congested()}: the hub then sends state topics as conflatable snapshots. A newer
 *       snapshot of a topic replaces the queued one (the old one is released and counted), so a state topic holds at
 *       most one queued snapshot however long the client stalls. The replacement happens on the hub's side of the
 *       hand-off already (a per-topic slot, {@link Slot}), so it holds even while the connection's event loop is
 *       descheduled and does not drain its inbox: a client of state topics only is never closed for being slow.</li>
 *   <li>Budget: bytes in the inbox and the pending queue are counted (each message with
 *       {@link OutboundBudget#MESSAGE_OVERHEAD} bytes for the objects holding it); a delivery that would take them
 *       past {@code maxQueuedBytes} closes the connection with 4008 (slow consumer); what was queued is discarded
 *       and counted. Event channels (trade) get here; the client resumes from history.</li>
 *   <li>The same bytes, and those in the socket's write buffer, are reserved in the process-wide
 *       {@link OutboundBudget}; a refused reservation closes the connection with 4008 too, and the budget's guard
 *       closes the largest backlogs (and connections whose oldest queued message is too old) through
 *       {@link #closeSlowConsumer}. Under the budget's pressure a connection with a backlog conflates its state
 *       topics like a congested one.</li>
 * </ul>
 *
 * <p>Batching ({@code ?batch=1}): several pending messages are written as one text frame holding a JSON array (a
 * composite buffer over the shared message buffers, no copy); a lone message is written as itself.
 */
public final class ConnectionOutbound implements Subscriber {

    private static final Logger log = LoggerFactory.getLogger(ConnectionOutbound.class);
    /** How long a closing connection waits for the client's close frame before the socket is closed. */
    public static final long CLOSE_GRACE_MILLIS = 1_000;
    private static final byte[] OPEN = {'['};
    private static final byte[] COMMA = {','};
    private static final byte[] CLOSE = {']'};
    /** A connection with more than 1/this of its budget queued counts as congested. */
    static final int CONFLATE_BACKLOG_DIVISOR = 4;
    /** Superseded entries tolerated in the pending queue before it is compacted. */
    private static final int COMPACT_THRESHOLD = 64;

    /** Per-connection outbound limits. */
    public record Limits(long maxQueuedBytes, int maxBatchMessages, int maxBatchBytes) {
    }

    /**
     * A queued message: {@code topic} is set for topic messages, {@code conflatable} for state snapshots a newer
     * one may supersede; {@code frame} is null once superseded.
     */
    private static final class Entry {
        ByteBuf frame;
        final int size;
        final long ingestNanos;
        final Topic topic;
        final boolean conflatable;
        /** A whole WebSocket frame (a control frame) written as it is, never batched. */
        final boolean raw;
        /** When it was queued; a snapshot superseding another keeps the older one's time. */
        long queuedNanos;

        Entry(ByteBuf frame, long ingestNanos, Topic topic, boolean conflatable, long queuedNanos) {
            this(frame, ingestNanos, topic, conflatable, false, queuedNanos);
        }

        Entry(ByteBuf frame, long ingestNanos, Topic topic, boolean conflatable, boolean raw, long queuedNanos) {
            this.frame = frame;
            this.size = frame.readableBytes();
            this.ingestNanos = ingestNanos;
            this.topic = topic;
            this.conflatable = conflatable;
            this.raw = raw;
            this.queuedNanos = queuedNanos;
        }

        long charge() {
            return ConnectionOutbound.charge(size);
        }
    }

    /**
     * A state topic's newest snapshot, handed over by the topic's hub shard (its only writer) and not yet taken by
     * the event loop. The inbox holds the slot itself once per empty → full change; a newer snapshot put into a full
     * slot replaces the one waiting there, so an undrained inbox holds at most one snapshot per topic. Any other
     * message of the topic detaches the slot (a later snapshot gets a new one), so the topic's order never changes.
     */
    private static final class Slot extends AtomicReference<Entry> {
        private static final long serialVersionUID = 1L;
    }

    /** What a message of {@code size} bytes counts against the budgets. */
    static long charge(int size) {
        return size + (long) OutboundBudget.MESSAGE_OVERHEAD;
    }

    private final Channel channel;
    private final Limits limits;
    private final GatewayMetrics metrics;
    private final OutboundBudget budget;
    /** {@link Entry}s and full {@link Slot}s, in delivery order. */
    private final Queue<Object> inbox = new ConcurrentLinkedQueue<>();
    /** The open snapshot slot per state topic; written only by the topic's hub shard. */
    private final ConcurrentHashMap<Topic, Slot> slots = new ConcurrentHashMap<>();
    /** Own backlog above which the connection counts as congested (state topics conflate). */
    private final long conflateBacklog;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Runnable drainTask = this::drain;
    private volatile boolean closed;
    /** Queue time of the oldest message not yet handed to the channel; 0 when none. Written by the event loop. */
    private volatile long oldestQueuedNanos;
    /** Bytes in the channel's write buffer as last seen (reserved in the budget). Written by the event loop. */
    private volatile long socketBytes;
    // event loop only
    private final ArrayDeque<Entry> pending = new ArrayDeque<>();
    private final Map<Topic, Entry> conflatable = new HashMap<>();
    private final List<Entry> batch = new ArrayList<>();
    private int superseded;
    private boolean batching;
    private boolean rawFrames;
    private long batchOldestIngest;
    /** Budget bytes of messages taken off the queues, not yet given back to the process-wide budget. */
    private long toRelease;
    private boolean socketSyncArmed;
    // Netty counts a written entry out only after notifying its promise: look again in a task of its own
    private final Runnable socketSyncTask = () -> {
        socketSyncArmed = false;
        syncSocketBytes();
    };
    private final ChannelFutureListener socketSync = f -> f.channel().eventLoop().execute(socketSyncTask);

    public ConnectionOutbound(Channel channel, Limits limits, GatewayMetrics metrics, OutboundBudget budget) {
        this.channel = channel;
        this.limits = limits;
        this.metrics = metrics;
        this.budget = budget;
        this.conflateBacklog = limits.maxQueuedBytes() / CONFLATE_BACKLOG_DIVISOR;
        budget.register(this);
    }

    /** Event loop, before the first message: pack several messages per frame from now on ({@code ?batch=1}). */
    public void enableBatching() {
        batching = true;
    }

    /**
     * Event loop, after the handshake: no WebSocket extension (compression) encodes this connection's frames, so a
     * message pre-framed by the serializer ({@link TextFrameHeader}) is written as its shared bytes, header
     * included, without a {@code TextWebSocketFrame} or a copy by the frame encoder.
     */
    public void enableRawFrames() {
        rawFrames = true;
    }

    /**
     * Queues one whole text frame; takes ownership of {@code frame}. Never blocks.
     *
     * @return false when the connection is closed or was just closed for exceeding its budget
     */
    @Override
    public boolean deliver(ByteBuf frame, long ingestNanos) {
        return enqueue(frame, ingestNanos, null, false);
    }

    /**
     * Queues a whole WebSocket control frame (a pong: header and payload, {@link ControlFrames}), counted against
     * the budgets like any message and written in order with them. Takes ownership of {@code wholeFrame}.
     *
     * @return false when the connection is closed or was just closed for exceeding its budget
     */
    public boolean deliverControl(ByteBuf wholeFrame) {
        if (closed) {
            wholeFrame.release();
            return false;
        }
        Entry e = new Entry(wholeFrame, 0, null, false, true, System.nanoTime());
        if (!admit(e.charge())) {
            wholeFrame.release();
            return false;
        }
        inbox.offer(e);
        schedule();
        return true;
    }

    @Override
    public boolean deliverData(Topic topic, ByteBuf frame, long ingestNanos) {
        if (!slots.isEmpty()) {
            // a snapshot still waiting must not take in anything queued after it
            slots.remove(topic);
        }
        return enqueue(frame, ingestNanos, topic, false);
    }

    /**
     * Puts the snapshot into the topic's slot: it replaces a snapshot still waiting there (released, its bytes given
     * back), else the slot goes into the inbox. The new snapshot is admitted before the old one is given back, so the
     * budget never undercounts. Called by the topic's hub shard only.
     */
    @Override
    public boolean deliverConflatable(Topic topic, ByteBuf snapshotFrame, long ingestNanos) {
        if (closed) {
            snapshotFrame.release();
            return false;
        }
        Entry e = new Entry(snapshotFrame, ingestNanos, topic, true, System.nanoTime());
        if (!admit(e.charge())) {
            snapshotFrame.release();
            return false;
        }
        Slot slot = slots.computeIfAbsent(topic, t -> new Slot());
        Entry old = slot.get();
        if (old != null) {
            e.queuedNanos = Math.min(e.queuedNanos, old.queuedNanos);
        }
        if (old != null && slot.compareAndSet(old, e)) {
            // the event loop never sees old: give it back here
            old.frame.release();
            queuedBytes.addAndGet(-old.charge());
            budget.release(old.charge());
            metrics.conflated(topic.channel().wireName());
            return true;
        }
        // empty, or the event loop just took the waiting one: only this thread fills the slot
        e.queuedNanos = System.nanoTime();
        slot.set(e);
        inbox.offer(slot);
        schedule();
        return true;
    }

    /**
     * True while the socket does not accept more data (above the high water mark), while this connection's own
     * backlog is past a quarter of its budget (its event loop is behind: descheduled, or busy with other
     * connections), or while the process-wide budget is under pressure and this connection has a backlog.
     */
    @Override
    public boolean congested() {
        if (!channel.isWritable()) {
            return true;
        }
        long backlog = queuedBytes.get();
        return backlog > conflateBacklog
                || budget.underPressure() && backlog > OutboundBudget.PRESSURE_BACKLOG_BYTES;
    }

    private boolean enqueue(ByteBuf frame, long ingestNanos, Topic topic, boolean conflatable) {
        if (closed) {
            frame.release();
            return false;
        }
        long charge = charge(frame.readableBytes());
        if (!admit(charge)) {
            frame.release();
            return false;
        }
        inbox.offer(new Entry(frame, ingestNanos, topic, conflatable, System.nanoTime()));
        schedule();
        return true;
    }

    /**
     * Counts {@code charge} bytes against this connection's budget and the process-wide one; past either, the
     * connection is closed with 4008 and false returned. Any thread.
     */
    private boolean admit(long charge) {
        if (queuedBytes.addAndGet(charge) > limits.maxQueuedBytes()) {
            queuedBytes.addAndGet(-charge);
            closeSlowConsumer(GatewayMetrics.SLOW_CONNECTION_BUDGET, "more than " + limits.maxQueuedBytes()
                    + " bytes queued");
            return false;
        }
        if (!budget.tryReserve(charge)) {
            queuedBytes.addAndGet(-charge);
            closeSlowConsumer(GatewayMetrics.SLOW_TOTAL_BUDGET, "the gateway's outbound total is at its cap of "
                    + budget.maxTotalBytes() + " bytes");
            return false;
        }
        return true;
    }

    /** Budget bytes of the messages queued here (not yet handed to the channel). */
    public long queuedBytes() {
        return queuedBytes.get();
    }

    /** Queued bytes plus those in the socket's write buffer: what closing this connection gives back. */
    long backlogBytes() {
        return queuedBytes.get() + socketBytes;
    }

    /** {@link System#nanoTime()} when the oldest message not yet handed to the channel was queued; 0 when none. */
    long oldestQueuedNanos() {
        return oldestQueuedNanos;
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
                // not on the event loop: give the bytes back directly
                Object o;
                while ((o = inbox.poll()) != null) {
                    Entry x = unwrap(o);
                    if (x != null) {
                        x.frame.release();
                        queuedBytes.addAndGet(-x.charge());
                        budget.release(x.charge());
                    }
                }
            }
        }
    }

    /** Event loop only: takes the inbox, then writes pending messages while the channel is writable. */
    public void drain() {
        scheduled.set(false);
        if (closed) {
            // the close task writes or releases what is queued, channelClosed() releases the rest
            if (!channel.isActive()) {
                releaseAll();
            }
            return;
        }
        takeInbox();
        int written = writePending();
        if (written > 0) {
            metrics.messagesOut(written);
        }
    }

    /** Event loop only: the channel's writability changed; resume writing when writable. */
    public void writabilityChanged() {
        if (channel.isWritable()) {
            drain();
        }
    }

    /**
     * Moves the inbox into the pending queue. A snapshot supersedes the topic's pending snapshot when nothing of the
     * topic was queued after that one (any other message of the topic ends the conflation), so the order of a
     * topic's messages never changes.
     */
    private void takeInbox() {
        Object o;
        while ((o = inbox.poll()) != null) {
            Entry e = unwrap(o);
            if (e == null) {
                continue;
            }
            if (e.conflatable) {
                Entry old = conflatable.put(e.topic, e);
                if (old != null) {
                    e.queuedNanos = Math.min(e.queuedNanos, old.queuedNanos);
                    supersede(old);
                    metrics.conflated(e.topic.channel().wireName());
                }
            } else if (e.topic != null) {
                conflatable.remove(e.topic);
            }
            pending.addLast(e);
        }
        if (superseded > COMPACT_THRESHOLD && superseded > pending.size() / 2) {
            pending.removeIf(x -> x.frame == null);
            superseded = 0;
        }
        if (oldestQueuedNanos == 0) {
            updateOldest();
        }
    }

    /** The entry an inbox element stands for: itself, or what its slot holds (taken out); null for an empty slot. */
    private static Entry unwrap(Object o) {
        return o instanceof Slot slot ? slot.getAndSet(null) : (Entry) o;
    }

    /** Event loop: publishes the queue time of the first live pending message (0 when none). */
    private void updateOldest() {
        Entry head = nextLive();
        oldestQueuedNanos = head == null ? 0 : head.queuedNanos;
    }

    private void supersede(Entry old) {
        old.frame.release();
        old.frame = null;
        superseded++;
        unqueued(old.charge());
    }

    /** Writes pending messages while the channel is writable, flushes once; returns the messages written. */
    private int writePending() {
        int messages = 0;
        int frames = 0;
        long oldestIngest = 0;
        while (channel.isWritable()) {
            Entry first = nextLive();
            if (first == null) {
                break;
            }
            if (oldestIngest == 0) {
                oldestIngest = first.ingestNanos;
            }
            if (!batching || first.raw) {
                taken(first);
                channel.write(wire(first), channel.voidPromise());
                messages++;
            } else {
                messages += writeBatch(first);
                if (oldestIngest == 0) {
                    oldestIngest = batchOldestIngest;
                }
            }
            frames++;
        }
        if (frames > 0) {
            channel.flush();
            if (oldestIngest != 0) {
                metrics.fanoutLatency(oldestIngest);
            }
        }
        updateOldest();
        syncSocketBytes();
        return messages;
    }

    /**
     * Event loop: reserves (or gives back) the change in the channel's write-buffer bytes since last seen, and
     * gives back what was taken off the queues. While bytes remain in the write buffer, an empty write is queued
     * behind them whose completion looks again, so the count follows the socket even without further writes.
     */
    private void syncSocketBytes() {
        ChannelOutboundBuffer ob = channel.unsafe().outboundBuffer();
        long now = ob == null || !channel.isActive() ? 0 : ob.totalPendingWriteBytes();
        budget.adjust(now - socketBytes - toRelease);
        socketBytes = now;
        toRelease = 0;
        if (now > 0 && !socketSyncArmed) {
            socketSyncArmed = true;
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(socketSync);
        }
    }

    /**
     * Writes {@code first} and as many following messages as the batch limits allow, as one frame; returns how many
     * (and leaves the first non-zero ingest time in {@link #batchOldestIngest}).
     */
    private int writeBatch(Entry first) {
        long oldestIngest = first.ingestNanos;
        batch.add(first);
        taken(first);
        int bytes = first.size + 2;
        Entry next;
        while (batch.size() < limits.maxBatchMessages() && (next = nextLive()) != null && !next.raw
                && bytes + next.size + 1 <= limits.maxBatchBytes()) {
            taken(next);
            batch.add(next);
            bytes += next.size + 1;
            if (oldestIngest == 0) {
                oldestIngest = next.ingestNanos;
            }
        }
        if (batch.size() == 1) {
            channel.write(wire(first), channel.voidPromise());
        } else {
            CompositeByteBuf array = channel.alloc().compositeBuffer(batch.size() * 2 + 1);
            array.addComponent(true, Unpooled.wrappedBuffer(OPEN));
            for (int i = 0; i < batch.size(); i++) {
                if (i > 0) {
                    array.addComponent(true, Unpooled.wrappedBuffer(COMMA));
                }
                array.addComponent(true, batch.get(i).frame);
            }
            array.addComponent(true, Unpooled.wrappedBuffer(CLOSE));
            channel.write(new TextWebSocketFrame(array), channel.voidPromise());
            metrics.batch();
        }
        int n = batch.size();
        batch.clear();
        batchOldestIngest = oldestIngest;
        return n;
    }

    /**
     * What to write for one message: a control frame as it is; a message as its own bytes with the header in front
     * when possible, else as a text frame.
     */
    private Object wire(Entry e) {
        ByteBuf message = e.frame;
        if (e.raw) {
            return message;
        }
        return rawFrames && TextFrameHeader.isFramed(message) ? TextFrameHeader.frame(message)
                : new TextWebSocketFrame(message);
    }

    /** The first pending message that was not superseded, left in the queue; null when none. */
    private Entry nextLive() {
        Entry e;
        while ((e = pending.peekFirst()) != null && e.frame == null) {
            pending.pollFirst();
            superseded--;
        }
        return e;
    }

    /** Removes {@code e} (the head) from the pending queue; its frame now belongs to the caller. */
    private void taken(Entry e) {
        pending.pollFirst();
        if (e.conflatable && conflatable.get(e.topic) == e) {
            conflatable.remove(e.topic);
        }
        unqueued(e.charge());
    }

    /** Event loop: a message of {@code charge} budget bytes left the queues (written, superseded or dropped). */
    private void unqueued(long charge) {
        queuedBytes.addAndGet(-charge);
        toRelease += charge;
    }

    /**
     * Closes the connection with a WebSocket close code. Frames already queued are still written (they are within
     * the budget), then {@code lastMessage} if not null (e.g. the error explaining the close), then the close frame;
     * later deliveries are dropped. The socket is closed when the client answers the close frame, or
     * {@value #CLOSE_GRACE_MILLIS} ms later. Any thread.
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
        startClose(lastMessage, code, reason, discardQueued);
    }

    /** The close sequence, run by the one caller that set {@link #closing}. */
    private void startClose(ByteBuf lastMessage, int code, String reason, boolean discardQueued) {
        closed = true;
        metrics.closed(code);
        Runnable task = () -> {
            if (discardQueued || !channel.isActive()) {
                releaseAll();
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
            channel.writeAndFlush(new CloseWebSocketFrame(code, reason), channel.voidPromise());
            // counted from now, not from when the close frame is written: a client that stopped reading
            // would otherwise keep its socket (and what is buffered for it) forever
            channel.eventLoop().schedule(() -> {
                channel.close();
            }, CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            syncSocketBytes();
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
        releaseAll();
        budget.adjust(-socketBytes);
        socketBytes = 0;
        budget.unregister(this);
    }

    /**
     * Closes the connection with 4008 (slow consumer), discarding what is queued; counted by {@code reason}
     * ({@link GatewayMetrics#SLOW_CONNECTION_BUDGET}, {@link GatewayMetrics#SLOW_TOTAL_BUDGET},
     * {@link GatewayMetrics#SLOW_QUEUE_AGE}). Any thread; only the first close counts.
     */
    void closeSlowConsumer(String reason, String detail) {
        if (!closing.compareAndSet(false, true)) {
            // already closing: neither counted nor closed twice (two threads may find the same connection slow)
            return;
        }
        log.info("closing slow consumer {}: {}", channel.remoteAddress(), detail);
        metrics.slowConsumerDisconnect(reason);
        startClose(null, CloseCodes.SLOW_CONSUMER, "slow consumer", true);
    }

    /** Writes everything queued regardless of writability (bounded by the budget); no flush. */
    private void writeAll() {
        takeInbox();
        Entry e;
        int n = 0;
        while ((e = nextLive()) != null) {
            taken(e);
            channel.write(wire(e), channel.voidPromise());
            n++;
        }
        if (n > 0) {
            metrics.messagesOut(n);
        }
        oldestQueuedNanos = 0;
    }

    /** Event loop only: discards everything queued, counting the messages dropped. */
    private void releaseAll() {
        int dropped = releaseInbox();
        Entry e;
        while ((e = pending.pollFirst()) != null) {
            if (e.frame != null) {
                e.frame.release();
                e.frame = null;
                unqueued(e.charge());
                dropped++;
            }
        }
        conflatable.clear();
        superseded = 0;
        oldestQueuedNanos = 0;
        budget.release(toRelease);
        toRelease = 0;
        if (dropped > 0) {
            metrics.dropped(dropped);
        }
    }

    private int releaseInbox() {
        int n = 0;
        Object o;
        while ((o = inbox.poll()) != null) {
            Entry e = unwrap(o);
            if (e == null) {
                continue;
            }
            e.frame.release();
            unqueued(e.charge());
            n++;
        }
        return n;
    }
}
