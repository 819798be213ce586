package io.tickgate.feed.pool;

import io.netty.handler.ssl.SslContext;
import io.tickgate.feed.connection.SlidingWindowLimiter;
import io.tickgate.feed.pipeline.VenueProcessor;
import io.tickgate.feed.venue.VenueProtocol;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the connections of one venue share: the venue's rules, its processor, the per-venue connection-attempt
 * budget, socket ids and counters.
 */
record PoolContext(PoolConfig config, VenueProtocol protocol, VenueProcessor processor,
                   SlidingWindowLimiter connectAttempts, SslContext ssl, AtomicLong sessionIds, LongAdder malformed,
                   LongAdder rejected) {
}
