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
 *
 * <p>When the venue answers a request with "slow down" (a {@link RateLimited} failure: Binance HTTP 429 when the
 * request weight is used up, 418 when the IP is banned for not backing off), the pacer
 * <ul>
 *   <li>holds every request (this venue's whole REST traffic) until the venue's {@code Retry-After} has passed
 *       (without one: 60 s after a 429, 120 s after a 418, Binance's shortest ban), extending the hold if a later
 *       answer asks for longer;</li>
 *   <li>puts the refused request back at the head of the queue (its callers keep waiting on the same future), so the
 *       symbol is fetched once the hold ends;</li>
 *   <li>then runs slower: the rate and the burst are halved per 429 and quartered per 418 (down to 1/16), counting
 *       one step per episode (answers to requests that were already under way when the pacer slowed down do not slow
 *       it again); after each {@link Config#recoveryMillis()} without another such answer (counted from the end of
 *       the hold) the rate doubles back, up to the configured one.</li>
 * </ul>
 */
public final class SnapshotPacer implements AutoCloseable {

    /**
     * Token-bucket settings.
     *
     * @param burst           requests that may start back to back (bucket size)
     * @param permitsPerSecond sustained rate
     */
    public record Config(int burst, double permitsPerSecond, long recoveryMillis) {

        /** Recovery after a rate-limit answer by default: one step per minute (Binance's weight window). */
        public static final long DEFAULT_RECOVERY_MILLIS = 60_000;

        public Config {
            if (burst < 1 || !(permitsPerSecond > 0)) {
                throw new IllegalArgumentException("burst must be >= 1 and rate > 0");
            }
            if (recoveryMillis < 1) {
                throw new IllegalArgumentException("recoveryMillis must be positive");
            }
        }

        /** A bucket that recovers from a rate-limit answer by {@link #DEFAULT_RECOVERY_MILLIS}. */
        public Config(int burst, double permitsPerSecond) {
            this(burst, permitsPerSecond, DEFAULT_RECOVERY_MILLIS);
        }
    }

    /**
     * The venue refused a request because of its rate limits (Binance HTTP 429 or 418). A {@link SnapshotSource}
     * fails its future with this so that the pacer holds and slows down.
     */
    public static final class RateLimited extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final int status;
        private final long retryAfterMillis;

        /**
         * @param status           the HTTP status: 429 (slow down) or 418 (banned)
         * @param retryAfterMillis the venue's {@code Retry-After} in ms; 0 when it sent none
         * @param message          what the venue said
         */
        public RateLimited(int status, long retryAfterMillis, String message) {
            super(message);
            this.status = status;
            this.retryAfterMillis = Math.max(0, retryAfterMillis);
        }

        public int status() {
            return status;
        }

        public long retryAfterMillis() {
            return retryAfterMillis;
        }

        /** True for a ban (HTTP 418) rather than a plain "too many requests". */
        public boolean banned() {
            return status == 418;
        }
    }

    /** The hold after a 429 without {@code Retry-After}: the venue's weight window (Binance: one minute). */
    static final long DEFAULT_429_WAIT_MILLIS = 60_000;
    /** The hold after a 418 without {@code Retry-After}: Binance's shortest ban, 2 minutes. */
    static final long DEFAULT_418_WAIT_MILLIS = 120_000;
    /** At most 1/16 of the configured rate. */
    private static final int MAX_SLOWDOWN = 4;

    private final Config config;
    private final ScheduledExecutorService scheduler;
    private final LongSupplier nanoClock;
    private final ArrayDeque<Pending<?>> queue = new ArrayDeque<>();
    private final Map<String, Pending<?>> byKey = new HashMap<>();
    private double tokens;
    private long lastRefill;
    private ScheduledFuture<?> scheduled;
    private boolean closed;
    // rate-limit answers, guarded by this
    private int slowdown;
    private long holdUntil;
    private boolean holding;
    private long lastLimitedAt;
    private long episode;
    private long nextSeq;
    private long limited429;
    private long limited418;

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
            Pending<T> p = new Pending<>(key, request, nextSeq++);
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

    /** Requests the venue refused with HTTP 429 (too many requests) so far. */
    public synchronized long rateLimited() {
        return limited429;
    }

    /** Requests the venue refused with HTTP 418 (IP banned) so far. */
    public synchronized long banned() {
        return limited418;
    }

    /** Milliseconds until requests may start again after a rate-limit answer; 0 when not holding. */
    public synchronized long holdRemainingMillis() {
        long left = holdUntil - nanoClock.getAsLong();
        return holding && left > 0 ? (left + 999_999) / 1_000_000 : 0;
    }

    /** The rate in force now: the configured one, divided after rate-limit answers until it recovers. */
    public synchronized double permitsPerSecond() {
        recover(nanoClock.getAsLong());
        return rate();
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
        long now = nanoClock.getAsLong();
        List<Pending<?>> ready = new ArrayList<>();
        if (holding && now - holdUntil < 0) {
            return ready; // the venue asked us to wait
        }
        holding = false;
        refill(now);
        while (!queue.isEmpty() && tokens >= 1.0) {
            tokens -= 1.0;
            Pending<?> p = queue.pollFirst();
            byKey.remove(p.key);
            p.episode = episode;
            ready.add(p);
        }
        return ready;
    }

    private void refill(long now) {
        recover(now);
        long elapsed = now - lastRefill;
        if (elapsed > 0) {
            tokens = Math.min(burst(), tokens + elapsed * rate() / 1e9);
            lastRefill = now;
        }
    }

    /** One step back towards the configured rate per recovery period without a rate-limit answer. */
    private void recover(long now) {
        long period = config.recoveryMillis() * 1_000_000L;
        while (slowdown > 0 && now - lastLimitedAt >= period) {
            slowdown--;
            lastLimitedAt += period;
        }
    }

    private double rate() {
        return config.permitsPerSecond() / (1 << slowdown);
    }

    private double burst() {
        return Math.max(1, config.burst() >> slowdown);
    }

    private long nanosUntilNext() {
        if (queue.isEmpty()) {
            return -1;
        }
        long now = nanoClock.getAsLong();
        long held = holding && holdUntil - now > 0 ? holdUntil - now : 0;
        double missing = 1.0 - tokens;
        return held + (missing <= 0 ? 0 : (long) Math.ceil(missing * 1e9 / rate()));
    }

    /**
     * The venue refused {@code p} for its rate limits: hold everything until its {@code Retry-After}, slow down once
     * per episode, and queue {@code p} again at the head. Returns false when the pacer is closed (then {@code p}
     * fails).
     */
    private boolean onRateLimited(Pending<?> p, RateLimited e) {
        synchronized (this) {
            if (closed) {
                return false;
            }
            long now = nanoClock.getAsLong();
            if (e.banned()) {
                limited418++;
            } else {
                limited429++;
            }
            long wait = e.retryAfterMillis() > 0 ? e.retryAfterMillis()
                    : e.banned() ? DEFAULT_418_WAIT_MILLIS : DEFAULT_429_WAIT_MILLIS;
            long until = now + wait * 1_000_000L;
            if (!holding || until - holdUntil > 0) {
                holdUntil = until;
            }
            holding = true;
            // the first request after the hold may start at once; the bucket refills at the slower rate from there
            tokens = 1.0;
            lastRefill = holdUntil;
            if (p.episode == episode) {
                // sent at the pace in force: slow down. Answers to requests sent before the last slowdown are the
                // same episode and do not slow it again
                slowdown = Math.min(MAX_SLOWDOWN, slowdown + (e.banned() ? 2 : 1));
                episode++;
            }
            lastLimitedAt = holdUntil; // the quiet period that earns the rate back starts when the hold ends
            Pending<?> queued = byKey.get(p.key);
            if (queued == null) {
                // back at the head, behind requests refused before it that were queued before it
                ArrayDeque<Pending<?>> older = new ArrayDeque<>();
                while (!queue.isEmpty() && queue.peekFirst().seq < p.seq) {
                    older.addLast(queue.pollFirst());
                }
                queue.addFirst(p);
                while (!older.isEmpty()) {
                    queue.addFirst(older.pollLast());
                }
                byKey.put(p.key, p);
            } else {
                queued.follow(p);
            }
            if (scheduled != null) {
                scheduled.cancel(false);
                scheduled = null;
            }
            scheduleIfNeeded();
        }
        return true;
    }

    private void scheduleIfNeeded() {
        if (scheduler == null || closed || scheduled != null || queue.isEmpty()) {
            return;
        }
        long wait = Math.max(nanosUntilNext(), 1_000_000L);
        scheduled = scheduler.schedule(this::drain, wait, TimeUnit.NANOSECONDS);
    }

    private void run(List<Pending<?>> ready) {
        for (Pending<?> p : ready) {
            p.start(this);
        }
    }

    private static final class Pending<T> {
        final String key;
        final Supplier<CompletableFuture<T>> request;
        final CompletableFuture<T> result = new CompletableFuture<>();
        final long seq;
        long episode; // the pacer's slowdown episode when it started; guarded by the pacer

        Pending(String key, Supplier<CompletableFuture<T>> request, long seq) {
            this.key = key;
            this.request = request;
            this.seq = seq;
        }

        void start(SnapshotPacer pacer) {
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
                Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                        ? e.getCause() : e;
                if (cause instanceof RateLimited limited && pacer.onRateLimited(this, limited)) {
                    return; // queued again: fetched after the hold
                }
                if (e != null) {
                    result.completeExceptionally(e);
                } else {
                    result.complete(v);
                }
            });
        }

        /** Another request for the same key was queued meanwhile: complete with it. */
        @SuppressWarnings("unchecked")
        void follow(Pending<?> refused) {
            ((Pending<Object>) this).result.whenComplete((v, e) -> {
                CompletableFuture<Object> r = ((Pending<Object>) refused).result;
                if (e != null) {
                    r.completeExceptionally(e);
                } else {
                    r.complete(v);
                }
            });
        }
    }
}
