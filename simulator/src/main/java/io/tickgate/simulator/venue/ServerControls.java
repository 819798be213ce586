package io.tickgate.simulator.venue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The state of one venue server that faults act on: its live connections, the connection-attempt limit and the
 * fault gates (refusing or rate-limiting new connections). Thread-safe.
 */
public final class ServerControls {

    private volatile int tradeHistoryLimit = Integer.MAX_VALUE;

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
    private final Deque<RestRequest> restRequests = new ArrayDeque<>();
    // REST limit state, guarded by this
    private int restStatus;
    private long restUntil;
    private long restBanMillis;
    private long restFirstRefusedAt;
    private final AtomicLong tooFrequentAnswers = new AtomicLong();
    private final AtomicLong messageLimitCloses = new AtomicLong();
    private final AtomicLong streamLimitCloses = new AtomicLong();
    private final AtomicInteger maxStreams = new AtomicInteger();
    private volatile Runnable sequenceReset = () -> { };
    private volatile Function<String, String> keySymbol = key -> null;
    private final AtomicLong attemptsSeen = new AtomicLong();
    private final AtomicLong attemptsOverLimit = new AtomicLong();
    private final AtomicInteger maxIncomingPerSecond = new AtomicInteger();

    /**
     * One WebSocket upgrade request as the server answered it.
     *
     * @param atMillis          when it arrived
     * @param status            101 accepted, 429 rate-limited, 503 refused, 4xx rejected
     * @param retryAfterSeconds the {@code Retry-After} sent with a 429 (0 otherwise)
     */
    public record UpgradeAttempt(long atMillis, int status, long retryAfterSeconds) {
    }

    /**
     * One REST request (Binance {@code GET /api/v3/depth}) as the server answered it.
     *
     * @param atMillis          when it arrived
     * @param status            200, 429 (request weight exceeded), 418 (IP banned), 4xx (bad request)
     * @param retryAfterSeconds the {@code Retry-After} sent with a 429 or 418 (0 otherwise)
     */
    public record RestRequest(long atMillis, int status, long retryAfterSeconds) {
    }

    /**
     * How a REST request is refused while a REST limit is in force.
     *
     * @param status            429 or 418
     * @param retryAfterSeconds the {@code Retry-After} to send
     */
    public record RestRefusal(int status, long retryAfterSeconds) {
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

    /**
     * Spends the whole connection-attempt budget at {@code now}, as other clients behind the same address would: the
     * window then holds {@code connectAttempts} attempts made at {@code now} (and nothing older), so every attempt
     * until {@code now + connectWindowMillis} finds it full and gets the venue's own 429 (counted in
     * {@link #connectAttemptsOverLimit()}) with {@code Retry-After} up to that time, and all the budget is free again
     * at once after it.
     */
    public synchronized void exhaustConnectAttempts(long now) {
        attempts.clear();
        for (int i = 0; i < connectAttempts; i++) {
            attempts.addLast(now);
        }
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

    /**
     * Puts a REST limit in force until {@code until}: requests get {@code status} (429: request weight exceeded, 418:
     * IP banned) with {@code Retry-After} = the seconds left. With {@code banMillis > 0}, a 429 limit turns into a
     * 418 ban of that length when requests keep coming 1 s or more after the first 429 (Binance bans IPs that do
     * not back off after 429s); requests already on their way when the first 429 went out are not counted.
     */
    public synchronized void restLimit(int status, long until, long banMillis) {
        if (status != 429 && status != 418) {
            throw new IllegalArgumentException("REST limit status must be 429 or 418, got " + status);
        }
        restStatus = status;
        restUntil = until;
        restBanMillis = banMillis;
        restFirstRefusedAt = 0;
    }

    /** How to refuse a REST request arriving at {@code now}, or null when no REST limit is in force. */
    public synchronized RestRefusal restRefusal(long now) {
        if (now >= restUntil) {
            return null;
        }
        if (restStatus == 429 && restBanMillis > 0 && restFirstRefusedAt > 0 && now - restFirstRefusedAt >= 1000) {
            restStatus = 418; // did not back off: banned
            restUntil = now + restBanMillis;
        }
        if (restFirstRefusedAt == 0) {
            restFirstRefusedAt = now;
        }
        return new RestRefusal(restStatus, Math.max(1, (restUntil - now + 999) / 1000));
    }

    /**
     * Serves only the newest {@code keep} trades per symbol from the REST trade history from now on (the
     * {@code tradeHistory} fault: a venue whose history no longer reaches back over an outage); 0 or less restores
     * the whole history the server keeps.
     */
    public void tradeHistoryLimit(int keep) {
        tradeHistoryLimit = keep <= 0 ? Integer.MAX_VALUE : keep;
    }

    /** Trades per symbol the REST trade history serves at most ({@link Integer#MAX_VALUE}: all it keeps). */
    public int tradeHistoryLimit() {
        return tradeHistoryLimit;
    }

    /** Records how a REST request was answered (the last 10,000 are kept). */
    public void recordRest(long atMillis, int status, long retryAfterSeconds) {
        synchronized (restRequests) {
            if (restRequests.size() >= 10_000) {
                restRequests.removeFirst();
            }
            restRequests.addLast(new RestRequest(atMillis, status, retryAfterSeconds));
        }
    }

    /** Every REST request so far (the last 10,000), oldest first. */
    public List<RestRequest> restRequests() {
        synchronized (restRequests) {
            return List.copyOf(restRequests);
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

    /** Records how many streams a connection carries now (called whenever it subscribed more). */
    public void recordStreams(int streams) {
        maxStreams.accumulateAndGet(streams, Math::max);
    }

    /** The most streams any connection carried at once (Binance's limit is 1,024). */
    public int maxStreamsPerConnectionSeen() {
        return maxStreams.get();
    }

    /** Counts a connection closed for subscribing past the streams-per-connection limit. */
    public void streamLimitClosed() {
        streamLimitCloses.incrementAndGet();
    }

    /** Connections closed for subscribing past the streams-per-connection limit. */
    public long streamLimitCloses() {
        return streamLimitCloses.get();
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
    /** How the venue names subscriptions: the symbol a subscription key belongs to (null if none); set by the endpoint. */
    public void keySymbols(Function<String, String> symbolOfKey) {
        keySymbol = symbolOfKey;
    }

    /** The symbol of a subscription key ({@code btcusdt@trade} → {@code BTCUSDT}), or null. */
    public String symbolOf(String key) {
        return keySymbol.apply(key);
    }

    public void sequenceReset(Runnable action) {
        sequenceReset = action;
    }

    public void resetSequences() {
        sequenceReset.run();
    }
}
