package io.tickgate.bus.lease;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Leases in this JVM (the in-process broker's): one map under one lock, expiry on a monotonic clock. The nodes of
 * one process (tests, {@code demo}) share it through their broker.
 */
public final class LocalLeases implements Leases {

    private record Held(String owner, long generation, long expiresAt) {
    }

    private final Map<String, Held> held = new HashMap<>();
    private final Map<String, Long> generations = new HashMap<>();
    private final LongSupplier clockMillis;

    public LocalLeases() {
        this(() -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime()));
    }

    /** With a clock of its own (milliseconds, monotonic). */
    public LocalLeases(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
    }

    @Override
    public synchronized CompletableFuture<Lease> acquire(String shard, String node, long ttlMillis) {
        long now = clockMillis.getAsLong();
        Held h = live(shard, now);
        if (h == null) {
            long g = generations.merge(shard, 1L, Long::sum);
            h = new Held(node, g, now + ttlMillis);
            held.put(shard, h);
        } else if (h.owner().equals(node)) {
            h = new Held(node, h.generation(), now + ttlMillis);
            held.put(shard, h);
        }
        return CompletableFuture.completedFuture(new Lease(shard, h.owner(), h.generation(), h.expiresAt() - now));
    }

    @Override
    public synchronized CompletableFuture<Boolean> renew(String shard, String node, long generation, long ttlMillis) {
        long now = clockMillis.getAsLong();
        Held h = live(shard, now);
        if (h == null || !h.owner().equals(node) || h.generation() != generation) {
            return CompletableFuture.completedFuture(false);
        }
        held.put(shard, new Held(node, generation, now + ttlMillis));
        return CompletableFuture.completedFuture(true);
    }

    @Override
    public synchronized CompletableFuture<Boolean> release(String shard, String node, long generation) {
        Held h = live(shard, clockMillis.getAsLong());
        if (h == null || !h.owner().equals(node) || h.generation() != generation) {
            return CompletableFuture.completedFuture(false);
        }
        held.remove(shard);
        return CompletableFuture.completedFuture(true);
    }

    @Override
    public synchronized CompletableFuture<Lease> read(String shard) {
        long now = clockMillis.getAsLong();
        Held h = live(shard, now);
        if (h == null) {
            return CompletableFuture.completedFuture(new Lease(shard, null, generations.getOrDefault(shard, 0L), 0));
        }
        return CompletableFuture.completedFuture(new Lease(shard, h.owner(), h.generation(), h.expiresAt() - now));
    }

    private Held live(String shard, long now) {
        Held h = held.get(shard);
        if (h != null && h.expiresAt() <= now) {
            held.remove(shard);
            return null;
        }
        return h;
    }
}
