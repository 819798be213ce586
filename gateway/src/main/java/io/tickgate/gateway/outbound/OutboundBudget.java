package io.tickgate.gateway.outbound;

import io.tickgate.gateway.metrics.GatewayMetrics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process-wide outbound budget: every byte queued for any client (in a connection's queue, handed over from a
 * hub shard, or in the socket's write buffer and not yet sent) is reserved here first, plus a fixed per-message
 * overhead for the objects that hold it. Reservations past {@code maxTotalBytes} are refused, so nothing is queued
 * past it; the connection that was refused is closed with 4008. (Bytes a drain copies straight into its write are
 * counted once they sit in the socket's write buffer, without a check: at most a write and the high water mark per
 * connection, so the total can pass the cap by that much.) The top {@value #RESERVE_FRACTION} of the cap is kept for
 * connections that keep up (little or nothing queued, {@link ConnectionBudget}) and for snapshots superseding queued
 * ones: a connection with a backlog is refused from {@code (1 - RESERVE_FRACTION)} of the cap on. So when slow
 * consumers fill the total faster than the guard sheds them, or while the connections it shed still hold their bytes
 * (given back when their close completes, up to the close frame's grace), it is the slow ones that are refused and
 * closed, not whichever connection the next message is for.
 *
 * <p>A guard thread keeps the total well below the cap (the hard refusal is the last resort):
 * <ul>
 *   <li>above {@value #CONFLATE_FRACTION} of the cap the gateway is <em>under pressure</em>: every connection with a
 *       backlog gets its state topics conflated, as if its socket were congested;</li>
 *   <li>above {@value #SHED_FRACTION} of the cap the connections with the largest backlogs are closed with 4008
 *       (their queues are discarded) until the total is expected back under {@value #SHED_TARGET_FRACTION};</li>
 *   <li>a connection whose oldest queued message has waited more than {@code maxQueueDelayMillis} is closed with
 *       4008 whatever the total (a client that has not read for that long is too slow).</li>
 * </ul>
 * It checks every {@value #SWEEP_MILLIS} ms, and at once when a reservation crosses the shedding mark.
 *
 * <p>Shared payloads count once per connection that holds them (a frame serialized once and queued for 1,000
 * connections counts 1,000 times): the total is an upper bound of the memory the queues hold.
 */
public final class OutboundBudget implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboundBudget.class);
    /** Estimated heap held per queued message besides its bytes (queue entry, buffer view); Netty uses 96 too. */
    public static final int MESSAGE_OVERHEAD = 96;
    static final double CONFLATE_FRACTION = 0.5;
    static final double SHED_FRACTION = 0.75;
    static final double SHED_TARGET_FRACTION = 0.5;
    /** The top share of the cap only connections that keep up may use. */
    static final double RESERVE_FRACTION = 0.125;
    /** Where the reserve starts, for messages ("87.5 %"). */
    static final String RESERVE_FRACTION_TEXT = (1 - RESERVE_FRACTION) * 100 + " %";
    static final long SWEEP_MILLIS = 100;
    /** Under pressure, connections with more than this queued conflate their state topics. */
    static final long PRESSURE_BACKLOG_BYTES = 64 * 1024;

    private final long maxTotalBytes;
    /** Where a connection with a backlog is refused: the cap less the reserve. */
    private final long backloggedCap;
    private final long conflateAt;
    private final long shedAt;
    private final long shedTarget;
    private final long maxQueueDelayNanos;
    private final GatewayMetrics metrics;
    private final AtomicLong used = new AtomicLong();
    private final Set<ConnectionOutbound> connections = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean sweepRequested = new AtomicBoolean();
    private final ScheduledExecutorService guard;
    private volatile boolean pressure;

    /**
     * @param maxTotalBytes       the cap on all queued bytes
     * @param maxQueueDelayMillis a connection whose oldest queued message is older is closed (4008); 0 = no limit
     */
    public OutboundBudget(long maxTotalBytes, long maxQueueDelayMillis, GatewayMetrics metrics) {
        this.maxTotalBytes = maxTotalBytes;
        this.backloggedCap = (long) (maxTotalBytes * (1 - RESERVE_FRACTION));
        this.conflateAt = (long) (maxTotalBytes * CONFLATE_FRACTION);
        this.shedAt = (long) (maxTotalBytes * SHED_FRACTION);
        this.shedTarget = (long) (maxTotalBytes * SHED_TARGET_FRACTION);
        this.maxQueueDelayNanos = TimeUnit.MILLISECONDS.toNanos(maxQueueDelayMillis);
        this.metrics = metrics;
        this.guard = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tickgate-gw-outbound-guard");
            t.setDaemon(true);
            return t;
        });
        guard.scheduleWithFixedDelay(this::sweepSafely, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
        metrics.outboundBudget(used::get, maxTotalBytes);
    }

    /** The cap. */
    public long maxTotalBytes() {
        return maxTotalBytes;
    }

    /** Bytes reserved now (queued, and in socket write buffers). */
    public long used() {
        return used.get();
    }

    /** True while the total is above the conflation mark. Any thread. */
    public boolean underPressure() {
        return pressure;
    }

    /**
     * Reserves {@code bytes}; false (nothing reserved) when the total would pass the cap, or, for a connection with
     * a backlog, the cap less the reserve kept for connections that keep up. Any thread, never blocks.
     */
    boolean tryReserve(long bytes, boolean backlogged) {
        long limit = backlogged ? backloggedCap : maxTotalBytes;
        long cur;
        long next;
        do {
            cur = used.get();
            next = cur + bytes;
            if (next > limit) {
                requestSweep();
                return false;
            }
        } while (!used.compareAndSet(cur, next));
        if (next > shedAt || next > conflateAt && !pressure) {
            requestSweep();
        }
        return true;
    }

    /** Gives back {@code bytes} reserved earlier. Any thread. */
    public void release(long bytes) {
        if (bytes != 0) {
            used.addAndGet(-bytes);
        }
    }

    /** Adds (positive) or gives back (negative) bytes without a cap check: socket buffers already written to. */
    void adjust(long delta) {
        if (delta != 0) {
            used.addAndGet(delta);
        }
    }

    void register(ConnectionOutbound c) {
        connections.add(c);
    }

    void unregister(ConnectionOutbound c) {
        connections.remove(c);
    }

    private void requestSweep() {
        if (sweepRequested.compareAndSet(false, true)) {
            try {
                guard.execute(this::sweepSafely);
            } catch (RejectedExecutionException e) {
                // closed
            }
        }
    }

    private void sweepSafely() {
        sweepRequested.set(false);
        try {
            sweep(System.nanoTime());
        } catch (RuntimeException e) {
            log.error("outbound budget sweep failed", e);
        }
    }

    /** Closes connections past the age limit, sets the pressure flag and sheds the largest backlogs. */
    void sweep(long now) {
        if (maxQueueDelayNanos > 0) {
            for (ConnectionOutbound c : connections) {
                long oldest = c.oldestQueuedNanos();
                if (oldest != 0 && now - oldest > maxQueueDelayNanos && !c.isClosed()) {
                    c.closeSlowConsumer(GatewayMetrics.SLOW_QUEUE_AGE,
                            "a message waited more than " + TimeUnit.NANOSECONDS.toMillis(maxQueueDelayNanos) + " ms");
                }
            }
        }
        long total = used.get();
        pressure = total > conflateAt;
        if (total <= shedAt) {
            return;
        }
        // what closing connections will give back is already on its way
        long expected = total;
        List<Candidate> open = new ArrayList<>();
        for (ConnectionOutbound c : connections) {
            long backlog = c.backlogBytes();
            if (c.isClosed()) {
                expected -= backlog;
            } else if (backlog > 0) {
                open.add(new Candidate(c, backlog));
            }
        }
        if (expected <= shedTarget) {
            return;
        }
        long closing = total - expected;
        open.sort(Comparator.comparingLong(Candidate::backlog).reversed());
        int shed = 0;
        for (Candidate c : open) {
            if (expected <= shedTarget) {
                break;
            }
            c.connection().closeSlowConsumer(GatewayMetrics.SLOW_TOTAL_BUDGET, "the gateway's outbound total is over "
                    + (long) (SHED_FRACTION * 100) + " % of its cap and this backlog is among the largest");
            expected -= c.backlog();
            shed++;
        }
        if (shed > 0) {
            log.warn("outbound total {} bytes over {} % of the cap {} ({} of them held by connections already "
                    + "closing): closed {} more slow consumers (4008)", total, (long) (SHED_FRACTION * 100),
                    maxTotalBytes, closing, shed);
        }
    }

    private record Candidate(ConnectionOutbound connection, long backlog) {
    }

    /** Stops the guard thread. */
    @Override
    public void close() {
        guard.shutdownNow();
    }
}
