package io.tickgate.feed.pool;

import io.netty.handler.ssl.SslContext;
import io.tickgate.feed.connection.SlidingWindowLimiter;
import io.tickgate.feed.pipeline.SessionIds;
import io.tickgate.feed.pipeline.VenueProcessor;
import io.tickgate.feed.venue.VenueProtocol;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the connections of one endpoint of a venue share: the endpoint and its protocol, the per-connection
 * control-message budget in force (the configured one, lowered when the venue closed a socket for sending too much
 * and raised back after a quiet period, see {@link ControlBudget}); and what every endpoint of the venue shares: its
 * processor, the connection-attempt budget (venues limit attempts per IP, whatever the endpoint), socket ids and
 * counters.
 */
record PoolContext(PoolConfig config, EndpointConfig endpoint, VenueProtocol protocol, VenueProcessor processor,
                   SlidingWindowLimiter connectAttempts, SslContext ssl, AtomicLong sessionIds, LongAdder malformed,
                   LongAdder rejected, ControlBudget controlBudget) {

    /** A new socket's id: unique for the venue, carrying this endpoint's index ({@link SessionIds}). */
    long newSessionId() {
        return SessionIds.of(endpoint.index(), sessionIds.incrementAndGet());
    }

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
