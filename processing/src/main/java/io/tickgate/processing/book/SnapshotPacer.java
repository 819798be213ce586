package io.tickgate.processing.book;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Paces one venue's snapshot fetches (or resubscriptions) under its REST limits with a token bucket: after a mass
 * reconnect, hundreds of symbols need a snapshot at once, and firing them together would get the IP banned. Requests
 * queue FIFO; a symbol already queued is not queued twice (its callers share one future). Thread-safe: many
 * connections of one venue share one pacer.
 */
public final class SnapshotPacer implements AutoCloseable {

    /**
     * Token-bucket settings.
     *
     * @param burst           requests that may start back to back (bucket size)
     * @param permitsPerSecond sustained rate
     */
    public record Config(int burst, double permitsPerSecond) {

        public Config {
            if (burst < 1 || !(permitsPerSecond > 0)) {
                throw new IllegalArgumentException("burst must be >= 1 and rate > 0");
            }
        }

        /**
         * Binance spot: the REST request-weight limit is 6,000 per minute per IP and {@code /api/v3/depth} with
         * {@code limit=1000} weighs 50. This spends at most half of it on snapshots: 1 per second, bursts of 10.
         */
        public static Config binance() {
            return new Config(10, 1.0);
        }

        /**
         * OKX: a resync is an unsubscribe plus a subscribe, and a connection may send 480 of those per hour:
         * 1 resync per 20 s sustained (360 requests/hour), bursts of 5.
         */
        public static Config okx() {
            return new Config(5, 0.05);
        }
    }

    private final Config config;
    private final ScheduledExecutorService scheduler;
    private final LongSupplier nanoClock;
    private final ArrayDeque<Pending<?>> queue = new ArrayDeque<>();
    private final Map<String, Pending<?>> byKey = new HashMap<>();
    private double tokens;
    private long lastRefill;
    private ScheduledFuture<?> scheduled;
    private boolean closed;

    /**
     * @param config    the bucket
     * @param scheduler runs the queued requests when tokens are available (not owned: not shut down by close)
     * @param nanoClock monotonic time in ns ({@code System::nanoTime})
     */
    public SnapshotPacer(Config config, ScheduledExecutorService scheduler, LongSupplier nanoClock) {
        this.config = Objects.requireNonNull(config, "config");
        this.scheduler = scheduler;
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.tokens = config.burst();
        this.lastRefill = nanoClock.getAsLong();
    }

    /** A snapshot source whose fetches go through this pacer. */
    public SnapshotSource pace(SnapshotSource delegate) {
        Objects.requireNonNull(delegate, "delegate");
        return symbol -> submit(symbol, () -> delegate.fetch(symbol));
    }

    /** Queues a fire-and-forget request (e.g. an OKX resubscription) under {@code key}. */
    public void submit(String key, Runnable request) {
        submit(key, () -> {
            request.run();
            return CompletableFuture.completedFuture(null);
        });
    }

    /**
     * Queues a request; it starts when the bucket has a token. If {@code key} is already queued, the queued request's
     * future is returned and {@code request} is not run.
     */
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> submit(String key, Supplier<CompletableFuture<T>> request) {
        List<Pending<?>> ready;
        CompletableFuture<T> result;
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("snapshot pacer closed"));
            }
            Pending<?> existing = byKey.get(key);
            if (existing != null) {
                return (CompletableFuture<T>) existing.result;
            }
            Pending<T> p = new Pending<>(key, request);
            queue.addLast(p);
            byKey.put(key, p);
            result = p.result;
            ready = takeReady();
            scheduleIfNeeded();
        }
        run(ready);
        return result;
    }

    /** Requests waiting for a token. */
    public synchronized int pending() {
        return queue.size();
    }

    /**
     * Starts every queued request the bucket allows now (normally called by the scheduler).
     *
     * @return nanoseconds until the next queued request may start, or -1 if the queue is empty
     */
    public long drain() {
        List<Pending<?>> ready;
        long wait;
        synchronized (this) {
            scheduled = null;
            ready = takeReady();
            wait = nanosUntilNext();
            scheduleIfNeeded();
        }
        run(ready);
        return wait;
    }

    @Override
    public void close() {
        List<Pending<?>> dropped;
        synchronized (this) {
            closed = true;
            dropped = new ArrayList<>(queue);
            queue.clear();
            byKey.clear();
            if (scheduled != null) {
                scheduled.cancel(false);
            }
        }
        for (Pending<?> p : dropped) {
            p.result.completeExceptionally(new IllegalStateException("snapshot pacer closed"));
        }
    }

    // guarded by this
    private List<Pending<?>> takeReady() {
        refill();
        List<Pending<?>> ready = new ArrayList<>();
        while (!queue.isEmpty() && tokens >= 1.0) {
            tokens -= 1.0;
            Pending<?> p = queue.pollFirst();
            byKey.remove(p.key);
            ready.add(p);
        }
        return ready;
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        long elapsed = now - lastRefill;
        if (elapsed > 0) {
            tokens = Math.min(config.burst(), tokens + elapsed * config.permitsPerSecond() / 1e9);
            lastRefill = now;
        }
    }

    private long nanosUntilNext() {
        if (queue.isEmpty()) {
            return -1;
        }
        double missing = 1.0 - tokens;
        return missing <= 0 ? 0 : (long) Math.ceil(missing * 1e9 / config.permitsPerSecond());
    }

    private void scheduleIfNeeded() {
        if (scheduler == null || closed || scheduled != null || queue.isEmpty()) {
            return;
        }
        long wait = Math.max(nanosUntilNext(), 1_000_000L);
        scheduled = scheduler.schedule(this::drain, wait, TimeUnit.NANOSECONDS);
    }

    private static void run(List<Pending<?>> ready) {
        for (Pending<?> p : ready) {
            p.start();
        }
    }

    private static final class Pending<T> {
        final String key;
        final Supplier<CompletableFuture<T>> request;
        final CompletableFuture<T> result = new CompletableFuture<>();

        Pending(String key, Supplier<CompletableFuture<T>> request) {
            this.key = key;
            this.request = request;
        }

        void start() {
            CompletableFuture<T> f;
            try {
                f = request.get();
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return;
            }
            if (f == null) {
                result.completeExceptionally(new IllegalStateException("request returned no future"));
                return;
            }
            f.whenComplete((v, e) -> {
                if (e != null) {
                    result.completeExceptionally(e);
                } else {
                    result.complete(v);
                }
            });
        }
    }
}
