package io.tickgate.simulator.venue.fault;

import io.tickgate.simulator.venue.ServerControls;
import io.tickgate.simulator.venue.VenueConnection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Injects faults into one or more venue servers. Methods that act on connections take a {@code count}: how many
 * live connections to hit (0 or less = all), chosen deterministically from the seed and the number of faults
 * injected so far; they return how many were hit. Thread-safe.
 */
public final class FaultInjector {

    private static final String MALFORMED = "{\"e\":\"trade\",\"s\":";

    private final List<ServerControls> servers;
    private final AtomicLong faults = new AtomicLong();

    public FaultInjector(List<ServerControls> servers) {
        this.servers = List.copyOf(servers);
    }

    /** Drops connections, by TCP reset or close frame. */
    public int drop(int count, DropMode mode) {
        List<VenueConnection> hit = pick(count);
        for (VenueConnection c : hit) {
            if (mode == DropMode.RST) {
                c.reset();
            } else {
                c.close(1001, "going away");
            }
        }
        return hit.size();
    }

    /** Stops sending anything to connections for a while, without closing them. */
    public int stall(int count, long millis) {
        long until = System.currentTimeMillis() + millis;
        List<VenueConnection> hit = pick(count);
        hit.forEach(c -> c.stallUntil(until));
        return hit.size();
    }

    /**
     * Drops the next {@code updates} order-book updates of connections, whatever their book, so they see a sequence
     * gap (on a connection carrying several books, a quiet one may lose none).
     */
    public int skipSequence(int count, int updates) {
        List<VenueConnection> hit = pick(count);
        hit.forEach(c -> c.skipBookUpdates(updates));
        return hit.size();
    }

    /** Drops the next {@code updates} updates of each book that connections carry: every one of them sees a gap. */
    public int skipSequenceEachBook(int count, int updates) {
        List<VenueConnection> hit = pick(count);
        hit.forEach(c -> c.skipEachBookUpdates(updates));
        return hit.size();
    }

    /**
     * Mutes one symbol on connections that carry it: the server stops pushing that symbol's subscriptions to them
     * while their other symbols keep flowing, like a venue-side stuck stream. Not sticky: until the client
     * unsubscribes them (a resubscription is served again); sticky: until the connection closes.
     *
     * @param count connections to hit among those subscribed to the symbol (0 or less = all)
     * @return connections hit
     */
    public int mute(String symbol, int count, boolean sticky) {
        List<VenueConnection> all = new ArrayList<>();
        List<List<String>> keys = new ArrayList<>();
        long seed = 0;
        for (ServerControls s : servers) {
            seed = seed * 31 + s.seed();
            for (VenueConnection c : s.connections()) {
                List<String> mine = new ArrayList<>();
                for (String key : c.subscriptions()) {
                    if (symbol.equals(s.symbolOf(key))) {
                        mine.add(key);
                    }
                }
                if (c.isOpen() && !mine.isEmpty()) {
                    all.add(c);
                    keys.add(mine);
                }
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            order.add(i);
        }
        if (count > 0 && count < all.size()) {
            Collections.shuffle(order, new Random(seed + faults.incrementAndGet()));
            order = order.subList(0, count);
        }
        for (int i : order) {
            all.get(i).mute(keys.get(i), sticky);
        }
        return order.size();
    }

    /** Sends a frame that is not valid JSON. */
    public int malformed(int count) {
        List<VenueConnection> hit = pick(count);
        hit.forEach(c -> c.sendText(MALFORMED));
        return hit.size();
    }

    /** Delays every frame of connections by {@code delayMillis}, for {@code millis}. */
    public int slowDown(int count, long delayMillis, long millis) {
        long until = System.currentTimeMillis() + millis;
        List<VenueConnection> hit = pick(count);
        hit.forEach(c -> c.slowDown(delayMillis, until));
        return hit.size();
    }

    /** Refuses new WebSocket connections (HTTP 503) for {@code millis}. */
    public void refuseConnections(long millis) {
        long until = System.currentTimeMillis() + millis;
        servers.forEach(s -> s.refuseUntil(until));
    }

    /**
     * Answers with rate-limit errors for {@code millis}: new connections get HTTP 429 with {@code Retry-After};
     * OKX subscribe requests get error 60014.
     */
    public void rateLimit(long millis) {
        long until = System.currentTimeMillis() + millis;
        servers.forEach(s -> s.rateLimitUntil(until));
    }

    /**
     * Uses up the connection-attempt budget now (as other clients behind the same address would): new connections
     * get the venue's own 429 for attempts over its limit, with {@code Retry-After} until the window has passed, and
     * count in {@link ServerControls#connectAttemptsOverLimit()}.
     */
    public void exhaustConnectAttempts() {
        long now = System.currentTimeMillis();
        servers.forEach(s -> s.exhaustConnectAttempts(now));
    }

    /**
     * Answers subscribe requests with "too frequent" (OKX 60014) for {@code millis}, while new connections are
     * still accepted.
     */
    public void rateLimitRequests(long millis) {
        long until = System.currentTimeMillis() + millis;
        servers.forEach(s -> s.requestLimitUntil(until));
    }

    /**
     * Answers REST requests (Binance depth snapshots) with {@code status} for {@code millis}: 429 (request weight
     * exceeded) or 418 (IP banned), with {@code Retry-After} = the seconds left. With {@code banMillis > 0} a client
     * that keeps sending after a 429 is banned: 418 for {@code banMillis}.
     */
    public void restLimit(int status, long millis, long banMillis) {
        long until = System.currentTimeMillis() + millis;
        servers.forEach(s -> s.restLimit(status, until, banMillis));
    }

    /**
     * Shortens the REST trade history (Binance {@code aggTrades}/{@code historicalTrades}, OKX
     * {@code history-trades}) to the newest {@code keep} trades per symbol; 0 or less restores it.
     */
    public void tradeHistory(int keep) {
        servers.forEach(s -> s.tradeHistoryLimit(keep));
    }

    /** OKX: the next {@code books} update of every instrument resets {@code seqId} below {@code prevSeqId}. */
    public void resetSequences() {
        servers.forEach(ServerControls::resetSequences);
    }

    /** Live connections over all servers of this injector. */
    public int connectionCount() {
        return servers.stream().mapToInt(s -> s.connections().size()).sum();
    }

    private List<VenueConnection> pick(int count) {
        List<VenueConnection> all = new ArrayList<>();
        long seed = 0;
        for (ServerControls s : servers) {
            all.addAll(s.connections());
            seed = seed * 31 + s.seed();
        }
        all.removeIf(c -> !c.isOpen());
        if (count <= 0 || count >= all.size()) {
            return all;
        }
        Collections.shuffle(all, new Random(seed + faults.incrementAndGet()));
        return all.subList(0, count);
    }
}
