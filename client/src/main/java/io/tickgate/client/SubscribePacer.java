package io.tickgate.client;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.function.Predicate;

/**
 * Paces one connection's subscribe requests under the server's inbound rate limit ({@code welcome}'s
 * {@code rateLimit}; 100/s with a burst of 200 until it is known): a token bucket at {@value #RATE_SHARE_PERCENT} % of
 * that rate holding half the burst. Resubscribing hundreds of topics after a reconnect then neither draws
 * {@code RATE_LIMITED} answers nor passes twice the burst at once (which the server closes with 4029), and heartbeats,
 * refreshes and publishes keep room. Event loop only.
 *
 * @param <T> what is waiting to be sent
 */
final class SubscribePacer<T> {

    static final int DEFAULT_RATE = 100;
    static final int DEFAULT_BURST = 200;
    static final int RATE_SHARE_PERCENT = 80;

    /** In order, each once (a subscription queued by its subscribe and by a reconnect at the same time goes once). */
    private final LinkedHashSet<T> waiting = new LinkedHashSet<>();
    private double perNano;
    private double capacity;
    private double tokens;
    private long lastNanos;
    /** Tokens used since {@link #restart}: they count against the server's limit once it is known. */
    private long spent;

    SubscribePacer(long nowNanos) {
        restart(nowNanos);
    }

    /** A new connection: nothing waits, the bucket is full at the default limit until the server says its own. */
    void restart(long nowNanos) {
        waiting.clear();
        spent = 0;
        limit(DEFAULT_RATE, DEFAULT_BURST, nowNanos);
        tokens = capacity;
    }

    /** The server's limit for this connection: what was sent since the connection opened counts against it. */
    void limit(int ratePerSecond, int burst, long nowNanos) {
        refill(nowNanos);
        perNano = Math.max(1, ratePerSecond) * RATE_SHARE_PERCENT / 100.0 / 1e9;
        capacity = Math.max(1, burst / 2);
        tokens = Math.min(capacity, Math.max(tokens, capacity - spent));
    }

    void add(T item) {
        waiting.add(item);
    }

    /**
     * Hands waiting items to {@code send} in order while the bucket allows; {@code send} answers false for an item
     * no longer wanted (it costs nothing). Returns nanoseconds until the next item may go, or -1 when none waits.
     */
    long drain(Predicate<T> send, long nowNanos) {
        refill(nowNanos);
        Iterator<T> it = waiting.iterator();
        while (it.hasNext() && tokens >= 1) {
            T next = it.next();
            it.remove();
            if (send.test(next)) {
                tokens -= 1;
                spent++;
            }
        }
        return waiting.isEmpty() ? -1 : Math.max(1, (long) Math.ceil((1 - tokens) / perNano));
    }

    private void refill(long nowNanos) {
        tokens = Math.min(capacity, tokens + Math.max(0, nowNanos - lastNanos) * perNano);
        lastNanos = nowNanos;
    }
}
