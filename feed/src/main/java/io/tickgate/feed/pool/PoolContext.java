package io.tickgate.feed.pool;

import io.netty.handler.ssl.SslContext;
import io.tickgate.feed.connection.SlidingWindowLimiter;
import io.tickgate.feed.pipeline.VenueProcessor;
import io.tickgate.feed.venue.VenueProtocol;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the connections of one venue share: the venue's rules, its processor, the per-venue connection-attempt
 * budget, the per-connection control-message budget in force (the configured one, lowered when the venue closed a
 * socket for sending too much and raised back after a quiet period, see {@link ControlBudget}), socket ids and
 * counters.
 */
record PoolContext(PoolConfig config, VenueProtocol protocol, VenueProcessor processor,
                   SlidingWindowLimiter connectAttempts, SslContext ssl, AtomicLong sessionIds, LongAdder malformed,
                   LongAdder rejected, ControlBudget controlBudget) {

    /** A new socket's control-message budget: the one in force now (the socket keeps it for its lifetime). */
    SlidingWindowLimiter newControlLimiter() {
        return new SlidingWindowLimiter(controlBudget.current(), config.controlWindowMillis());
    }

    /**
     * The venue closed a socket for too many messages (Binance 1008): halve the budget of every later socket
     * (at least 1 per window) and restart the quiet period before it may rise again. Returns the new budget.
     */
    int tightenControlBudget() {
        return controlBudget.tighten();
    }
}
