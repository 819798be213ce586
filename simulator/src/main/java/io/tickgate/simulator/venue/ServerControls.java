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
    private volatile Runnable sequenceReset = () -> { };

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
        if (attempts.size() >= connectAttempts) {
            return Math.max(1, (attempts.peekFirst() + connectWindowMillis - now + 999) / 1000);
        }
        attempts.addLast(now);
        return 0;
    }

    public boolean refusing(long now) {
        return now < refuseUntil;
    }

    public boolean rateLimited(long now) {
        return now < rateLimitUntil;
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
