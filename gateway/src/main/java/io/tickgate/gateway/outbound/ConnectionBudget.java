package io.tickgate.gateway.outbound;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection's byte accounting. Bytes of queued messages (inbox and pending queue, each with
 * {@link OutboundBudget#MESSAGE_OVERHEAD}) are counted here against the connection's limit and reserved in the
 * process-wide {@link OutboundBudget}; bytes in the socket's write buffer are reserved there too, as last seen by the
 * event loop. Messages leaving the queues are given back to the process-wide budget in one step per drain.
 */
final class ConnectionBudget {

    /** A connection with more than 1/this of its budget queued counts as congested (state topics conflate). */
    static final int CONFLATE_BACKLOG_DIVISOR = 2;
    /**
     * A connection with at most 1/this of its budget (and at most {@link OutboundBudget#PRESSURE_BACKLOG_BYTES})
     * queued keeps up: it may use the reserve at the top of the process-wide cap.
     */
    static final int KEEPING_UP_DIVISOR = 4;

    /** The outcome of {@link #admit}. */
    enum Admission {
        ADMITTED,
        /** Past this connection's limit. */
        CONNECTION_FULL,
        /** Past the process-wide cap. */
        TOTAL_FULL,
        /** Past the process-wide cap less the reserve kept for connections that keep up; this one has a backlog. */
        TOTAL_RESERVED
    }

    private final long maxQueuedBytes;
    private final long conflateBacklog;
    /**
     * Queued bytes (not yet handed to the channel) up to this count as keeping up: the connection may use the total's
     * reserve. Bytes in the socket's write buffer do not count: a busy connection that reads holds up to the high water
     * mark there.
     */
    private final long keepingUpBytes;
    private final OutboundBudget total;
    private final AtomicLong queued = new AtomicLong();
    /** Bytes in the channel's write buffer as last seen (reserved in the total). Written by the event loop. */
    private volatile long socketBytes;
    /** Event loop: charges taken off the queues, not yet given back to the total. */
    private long toRelease;

    ConnectionBudget(long maxQueuedBytes, OutboundBudget total) {
        this.maxQueuedBytes = maxQueuedBytes;
        this.conflateBacklog = maxQueuedBytes / CONFLATE_BACKLOG_DIVISOR;
        this.keepingUpBytes = Math.min(OutboundBudget.PRESSURE_BACKLOG_BYTES, maxQueuedBytes / KEEPING_UP_DIVISOR);
        this.total = total;
    }

    long maxQueuedBytes() {
        return maxQueuedBytes;
    }

    /**
     * Counts {@code charge} against this connection and the total; nothing is counted unless admitted. A connection
     * keeping up, or a snapshot that supersedes the topic's queued one ({@code replaces}: it frees about what it
     * adds, so a client of state topics only is not refused for its backlog), may use the total's reserve. Any
     * thread.
     */
    Admission admit(long charge, boolean replaces) {
        long queuedNow = queued.addAndGet(charge);
        if (queuedNow > maxQueuedBytes) {
            queued.addAndGet(-charge);
            return Admission.CONNECTION_FULL;
        }
        boolean backlogged = !replaces && queuedNow - charge > keepingUpBytes;
        if (!total.tryReserve(charge, backlogged)) {
            queued.addAndGet(-charge);
            return backlogged ? Admission.TOTAL_RESERVED : Admission.TOTAL_FULL;
        }
        return Admission.ADMITTED;
    }

    /** A queued message left the queues off the event loop (superseded in the inbox): given back at once. */
    void unqueuedNow(long charge) {
        queued.addAndGet(-charge);
        total.release(charge);
    }

    /** Event loop: a message left the queues (written, superseded or dropped); given back at the next sync. */
    void unqueued(long charge) {
        queued.addAndGet(-charge);
        toRelease += charge;
    }

    /**
     * Event loop: reserves (or gives back) the change of the socket's write-buffer bytes since last seen, and gives
     * back what left the queues.
     */
    void sync(long socketBytesNow) {
        total.adjust(socketBytesNow - socketBytes - toRelease);
        socketBytes = socketBytesNow;
        toRelease = 0;
    }

    /** Event loop: gives back to the total what left the queues since the last sync. */
    void releaseTaken() {
        total.release(toRelease);
        toRelease = 0;
    }

    /** True when the queued bytes are past half of the limit: the event loop is behind. Any thread. */
    boolean backlogged() {
        return queued.get() > conflateBacklog;
    }

    /** Queued bytes (not yet handed to the channel). Any thread. */
    long queued() {
        return queued.get();
    }

    /** Queued bytes plus those in the socket's write buffer: what closing the connection gives back. Any thread. */
    long backlog() {
        return queued.get() + socketBytes;
    }
}
