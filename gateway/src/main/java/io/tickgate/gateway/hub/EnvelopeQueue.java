package io.tickgate.gateway.hub;

import io.netty.util.concurrent.FastThreadLocalThread;
import io.tickgate.gateway.metrics.GatewayMetrics;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hub shard's bounded queue of envelopes (and, per-topic intake, broker images), with its two overflow policies:
 * {@link #offer} drops and counts at once (a shared broker's feed, which resynchronizes the topic from a fresh image);
 * {@link #offerWaiting} makes the publishing thread wait for room while the shard keeps taking items (the firehose,
 * where the shard's state is the only one and a lost book delta would leave the book wrong), dropping only once the
 * shard took nothing for {@value #STALL_MILLIS} ms (stuck, or its thread dead), and then at once until it moves; a
 * Netty event loop never waits. Any thread offers; only the shard thread takes ({@link #drainTo}).
 */
final class EnvelopeQueue {

    private static final Logger log = LoggerFactory.getLogger(EnvelopeQueue.class);
    /** How long a waiting publisher watches a full queue the shard takes nothing from before it drops. */
    static final long STALL_MILLIS = 1_000;

    private final int shard;
    private final ArrayBlockingQueue<Object> items;
    private final GatewayMetrics metrics;
    private final Runnable wake;
    /** Batches taken so far (written by the shard thread only): what a waiting publisher watches. */
    private volatile long progress;
    /**
     * The {@link #progress} at which a publisher waited {@value #STALL_MILLIS} ms in vain (-1: none): while progress
     * stays there, later publishers drop at once; any batch taken ends it.
     */
    private volatile long stalledAt = -1;
    private volatile boolean closed;
    private volatile Thread owner;

    /** @param wake wakes the shard thread (called after each item queued, and while a publisher waits) */
    EnvelopeQueue(int shard, int capacity, GatewayMetrics metrics, Runnable wake) {
        this.shard = shard;
        this.items = new ArrayBlockingQueue<>(capacity);
        this.metrics = metrics;
        this.wake = wake;
    }

    /** The thread that takes: it never waits on its own queue. */
    void ownedBy(Thread thread) {
        this.owner = thread;
    }

    /** The shard stopped: waiting publishers give up, later offers to a full queue drop at once. */
    void close() {
        closed = true;
    }

    /** Queues {@code item}; false (and counted) when the queue is full. Never blocks. */
    boolean offer(Object item) {
        if (!items.offer(item)) {
            metrics.hubDropped();
            return false;
        }
        wake.run();
        return true;
    }

    /**
     * Queues {@code item}, waiting for room as long as the shard keeps taking (counted once per waiting item);
     * false (and counted) when the shard took nothing for {@value #STALL_MILLIS} ms, at once while it stays stuck,
     * once closed, on the shard's own thread, and on a Netty thread (an event loop: a client's or the HTTP API's
     * publish, a Redis client's delivery; an event loop never blocks, its connections' heartbeats and writes would
     * stall with it). Netty's threads are told by their class, {@link FastThreadLocalThread}, public API.
     */
    boolean offerWaiting(Object item) {
        if (items.offer(item)) {
            wake.run();
            return true;
        }
        if (stalledAt == progress || closed || Thread.currentThread() == owner
                || Thread.currentThread() instanceof FastThreadLocalThread) {
            metrics.hubDropped();
            return false;
        }
        metrics.hubWaited();
        long seen = progress;
        long since = System.nanoTime();
        try {
            while (!closed) {
                wake.run();
                if (items.offer(item, 10, TimeUnit.MILLISECONDS)) {
                    wake.run();
                    return true;
                }
                long now = System.nanoTime();
                long p = progress;
                if (p != seen) {
                    seen = p;
                    since = now;
                } else if (now - since >= TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS)) {
                    stalledAt = p;
                    log.warn("hub shard {} took nothing for {} ms with its queue full; dropping envelopes until it "
                            + "moves", shard, STALL_MILLIS);
                    break;
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        metrics.hubDropped();
        return false;
    }

    /** Shard thread: moves up to {@code max} items into {@code batch}; returns how many. */
    int drainTo(List<Object> batch, int max) {
        int n = items.drainTo(batch, max);
        if (n > 0) {
            progress = progress + 1; // the shard thread is the only writer
        }
        return n;
    }

    int size() {
        return items.size();
    }

    boolean isEmpty() {
        return items.isEmpty();
    }
}
