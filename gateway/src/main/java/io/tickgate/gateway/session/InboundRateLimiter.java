package io.tickgate.gateway.session;

/**
 * Per-connection inbound message rate limit: two token buckets. The first ({@code rate}/s, {@code burst}) admits
 * messages; the second (twice the rate and burst) measures abuse: every message, admitted or not, takes a token
 * from it, and when it is empty the client is flooding far past the limit. Single-threaded (the event loop).
 */
public final class InboundRateLimiter {

    /** What to do with one inbound message. */
    public enum Verdict {
        /** Process it. */
        ADMIT,
        /** Answer RATE_LIMITED and do not process it. */
        LIMIT,
        /** Far over the limit: close the connection (4029). */
        CLOSE
    }

    private static final double NANOS_PER_SECOND = 1e9;

    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private double abuseTokens;
    private long lastNanos;

    public InboundRateLimiter(int ratePerSecond, int burst, long nowNanos) {
        this.ratePerNano = ratePerSecond / NANOS_PER_SECOND;
        this.burst = burst;
        this.tokens = burst;
        this.abuseTokens = 2.0 * burst;
        this.lastNanos = nowNanos;
    }

    /** Takes one message at {@code nowNanos} ({@link System#nanoTime()}). */
    public Verdict acquire(long nowNanos) {
        return acquire(nowNanos, 1);
    }

    /**
     * Takes a message that weighs {@code weight} messages (a subscribe with several patterns, each a scan of every
     * known topic) at {@code nowNanos}: admitted only when the bucket holds all of it, so one that weighs more than
     * the burst never is.
     */
    public Verdict acquire(long nowNanos, int weight) {
        long elapsed = Math.max(0, nowNanos - lastNanos);
        lastNanos = nowNanos;
        tokens = Math.min(burst, tokens + elapsed * ratePerNano);
        abuseTokens = Math.min(2.0 * burst, abuseTokens + elapsed * 2.0 * ratePerNano);
        abuseTokens -= weight;
        if (abuseTokens < 0) {
            return Verdict.CLOSE;
        }
        if (tokens >= weight) {
            tokens -= weight;
            return Verdict.ADMIT;
        }
        return Verdict.LIMIT;
    }

    /** The burst: the heaviest message that can ever be admitted. */
    public int burst() {
        return (int) burst;
    }
}
