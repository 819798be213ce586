package io.tickgate.simulator.venue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state of one venue server that faults act on: its live connections, the connection-attempt limit and the
 * fault gates (refusing or rate-limiting new connections). Thread-safe.
 */
public final class ServerControls {

    private final String venue;
    private final long seed;
    private final int connectAttempts;
    private final long connectWindowMillis;
    private final Map<Long, VenueConnection> connections = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Deque<Long> attempts = new ArrayDeque<>();
    private volatile long refuseUntil;
    private volatile long rateLimitUntil;
    private volatile long requestLimitUntil;
    private final Deque<UpgradeAttempt> upgrades = new ArrayDeque<>();
    private final AtomicLong tooFrequentAnswers = new AtomicLong();
    private final AtomicLong messageLimitCloses = new AtomicLong();
    private volatile Runnable sequenceReset = () -> { };
    private final AtomicLong attemptsSeen = new AtomicLong();
    private final AtomicLong attemptsOverLimit = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger maxIncomingPerSecond =
            new java.util.concurrent.atomic.AtomicInteger();

    /**
     * One WebSocket upgrade request as the server answered it.
     *
     * @param atMillis          when it arrived
     * @param status            101 accepted, 429 rate-limited, 503 refused, 4xx rejected
     * @param retryAfterSeconds the {@code Retry-After} sent with a 429 (0 otherwise)
     */
    public record UpgradeAttempt(long atMillis, int status, long retryAfterSeconds) {
    }

    public ServerControls(String venue, long seed, int connectAttempts, long connectWindowMillis) {
        this.venue = venue;
        this.seed = seed;
        this.connectAttempts = connectAttempts;
        this.connectWindowMillis = connectWindowMillis;
    }

    /** The venue's source name ({@code binance}, {@code okx}). */
    public String venue() {
        return venue;
    }

    public long seed() {
        return seed;
    }

    public long nextConnectionId() {
        return ids.incrementAndGet();
    }

    public void register(VenueConnection c) {
        connections.put(c.id(), c);
    }

    public void unregister(VenueConnection c) {
        connections.remove(c.id());
    }

    /** Live connections ordered by id. */
    public List<VenueConnection> connections() {
        List<VenueConnection> out = new ArrayList<>(connections.values());
        out.sort(Comparator.comparingLong(VenueConnection::id));
        return out;
    }

    /**
     * Counts a connection attempt against the sliding window.
     *
     * @return 0 if allowed, otherwise the seconds to wait (for {@code Retry-After})
     */
    public synchronized long tryConnectAttempt(long now) {
        while (!attempts.isEmpty() && attempts.peekFirst() <= now - connectWindowMillis) {
            attempts.removeFirst();
        }
        if (now < rateLimitUntil) {
            return Math.max(1, (rateLimitUntil - now + 999) / 1000);
        }
        attemptsSeen.incrementAndGet();
        if (attempts.size() >= connectAttempts) {
            attemptsOverLimit.incrementAndGet();
            return Math.max(1, (attempts.peekFirst() + connectWindowMillis - now + 999) / 1000);
        }
        attempts.addLast(now);
        return 0;
    }

    /** WebSocket upgrade attempts counted against the limit (refused ones during a refuse fault are not). */
    public long connectAttemptsSeen() {
        return attemptsSeen.get();
    }

    /**
     * Attempts that found the window full and got 429: a client that respects the venue's limit keeps this at 0
     * (429s injected by the rateLimit fault are not counted).
     */
    public long connectAttemptsOverLimit() {
        return attemptsOverLimit.get();
    }

    /** Records a connection's incoming frames so far in the current second (called per incoming frame). */
    public void recordIncoming(int countThisSecond) {
        maxIncomingPerSecond.accumulateAndGet(countThisSecond, Math::max);
    }

    /** The most incoming frames any connection sent within one second (Binance's limit is 5). */
    public int maxIncomingPerSecond() {
        return maxIncomingPerSecond.get();
    }

    /** Records how an upgrade request was answered (the last 10,000 are kept). */
    public void recordUpgrade(long atMillis, int status, long retryAfterSeconds) {
        synchronized (upgrades) {
            if (upgrades.size() >= 10_000) {
                upgrades.removeFirst();
            }
            upgrades.addLast(new UpgradeAttempt(atMillis, status, retryAfterSeconds));
        }
    }

    /** Every upgrade request so far (the last 10,000), oldest first. */
    public List<UpgradeAttempt> upgrades() {
        synchronized (upgrades) {
            return List.copyOf(upgrades);
        }
    }

    /** Counts a request answered "too frequent" (OKX 60014). */
    public void tooFrequentAnswered() {
        tooFrequentAnswers.incrementAndGet();
    }

    /** Requests answered "too frequent" (OKX 60014), injected or earned. */
    public long tooFrequentAnswers() {
        return tooFrequentAnswers.get();
    }

    /** Counts a connection closed for sending too many messages (Binance 1008). */
    public void messageLimitClosed() {
        messageLimitCloses.incrementAndGet();
    }

    /** Connections closed for sending too many messages (Binance 1008). */
    public long messageLimitCloses() {
        return messageLimitCloses.get();
    }

    public boolean refusing(long now) {
        return now < refuseUntil;
    }

    public boolean rateLimited(long now) {
        return now < rateLimitUntil;
    }

    /** True while subscribe requests are answered "too frequent" (the rateLimit or rateLimitRequests fault). */
    public boolean requestsLimited(long now) {
        return now < rateLimitUntil || now < requestLimitUntil;
    }

    public void requestLimitUntil(long until) {
        requestLimitUntil = until;
    }

    public void refuseUntil(long until) {
        refuseUntil = until;
    }

    public void rateLimitUntil(long until) {
        rateLimitUntil = until;
    }

    /** The venue's sequence-reset action (OKX {@code seqId} reset); a no-op where the venue has none. */
    public void sequenceReset(Runnable action) {
        sequenceReset = action;
    }

    public void resetSequences() {
        sequenceReset.run();
    }
}
