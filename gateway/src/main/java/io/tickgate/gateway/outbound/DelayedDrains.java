package io.tickgate.gateway.outbound;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import io.tickgate.gateway.hub.DeferredReleases;
import io.tickgate.gateway.hub.Failures;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write delay ({@code writeDelayMillis}): on one event loop, the connections that took hub messages since the
 * loop's last delayed drain, drained together one delay after the first of them. A connection is drained (one socket
 * write, one flush) at most once per delay however many hub rounds reach it, so its messages leave in fewer, fuller
 * writes: fewer system calls per message, for a wait of up to the delay. One per event loop thread; event loop only.
 */
final class DelayedDrains implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(DelayedDrains.class);
    private static final FastThreadLocal<DelayedDrains> LOOP = new FastThreadLocal<>();

    private final EventLoop loop;
    private List<ConnectionOutbound> pending = new ArrayList<>();
    private List<ConnectionOutbound> running = new ArrayList<>();

    private DelayedDrains(EventLoop loop) {
        this.loop = loop;
    }

    /**
     * On {@code loop}: drains {@code c} within {@code delayNanos} (with the loop's other waiting connections, one
     * delay after the first of them); false when the loop refuses the task (shutting down: the caller drains now).
     */
    static boolean add(EventLoop loop, ConnectionOutbound c, long delayNanos) {
        DelayedDrains d = LOOP.get();
        if (d == null || d.loop != loop) {
            d = new DelayedDrains(loop);
            LOOP.set(d);
        }
        if (d.pending.isEmpty()) {
            try {
                loop.schedule(d, delayNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                return false;
            }
        }
        d.pending.add(c);
        return true;
    }

    @Override
    public void run() {
        List<ConnectionOutbound> due = pending;
        pending = running;
        running = due;
        DeferredReleases.around(() -> {
            Throwable failure = null;
            for (int i = 0; i < due.size(); i++) {
                try {
                    due.get(i).delayedDrain(); // one that throws must not leave the rest waiting for good
                } catch (Throwable t) {
                    failure = Failures.add(failure, t);
                }
            }
            due.clear();
            if (failure != null) { // thrown from a scheduled task it would sit in a future no one reads
                log.error("delayed drain failed", failure);
            }
        });
    }
}
