package io.tickgate.feed.pool;

import io.netty.handler.ssl.SslContext;
import io.tickgate.feed.connection.SlidingWindowLimiter;
import io.tickgate.feed.pipeline.VenueProcessor;
import io.tickgate.feed.venue.VenueProtocol;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the connections of one venue share: the venue's rules, its processor, the per-venue connection-attempt
 * budget, the per-connection control-message budget in force (the configured one, lowered when the venue closed a
 * socket for sending too much), socket ids and counters.
 */
record PoolContext(PoolConfig config, VenueProtocol protocol, VenueProcessor processor,
                   SlidingWindowLimiter connectAttempts, SslContext ssl, AtomicLong sessionIds, LongAdder malformed,
                   LongAdder rejected, AtomicInteger controlBudget) {

    /** A new socket's control-message budget. */
    SlidingWindowLimiter newControlLimiter() {
        return new SlidingWindowLimiter(controlBudget.get(), config.controlWindowMillis());
    }

    /**
     * The venue closed a socket for too many messages (Binance 1008): halve the budget of every later socket
     * (at least 1 per window). Returns the new budget.
     */
    int tightenControlBudget() {
        return controlBudget.updateAndGet(n -> Math.max(1, n / 2));
    }
}
