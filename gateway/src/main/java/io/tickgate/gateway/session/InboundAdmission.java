package io.tickgate.gateway.session;

import io.netty.channel.Channel;
import io.tickgate.gateway.outbound.ConnectionOutbound;
import io.tickgate.gateway.protocol.CloseCodes;
import io.tickgate.gateway.protocol.ErrorCode;
import io.tickgate.gateway.protocol.RequestId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits one connection's inbound messages and control frames under its rate limit (its own
 * {@link InboundRateLimiter}): over the limit a message is answered RATE_LIMITED and a control frame dropped (both
 * counted); far over it reading stops and the connection is closed with 4029. Owned by the channel's event loop.
 */
final class InboundAdmission {

    private static final Logger log = LoggerFactory.getLogger(InboundAdmission.class);

    private final SessionHandler.Services services;
    private final Channel channel;
    private final ConnectionOutbound outbound;
    private final ClientErrors errors;
    private final String connectionId;
    private final InboundRateLimiter rateLimiter;

    InboundAdmission(SessionHandler.Services services, Channel channel, ConnectionOutbound outbound,
                     ClientErrors errors, String connectionId) {
        this.services = services;
        this.channel = channel;
        this.outbound = outbound;
        this.errors = errors;
        this.connectionId = connectionId;
        this.rateLimiter = new InboundRateLimiter(services.ratePerSecond(), services.rateBurst(), System.nanoTime());
    }

    /**
     * Takes one inbound message or control frame from the rate limiter: true to process it. Over the limit a message
     * is answered RATE_LIMITED ({@code answer}); far over it the connection is closed with 4029.
     */
    boolean admit(RequestId id, boolean answer) {
        return admit(id, answer, 1);
    }

    /**
     * As {@link #admit(RequestId, boolean)} for a message that weighs {@code weight} messages (a subscribe's
     * wildcard patterns, {@link SubscriptionRequests#weight}). One heavier than the burst can never pass: it takes
     * one message and, if admitted as that, is answered RATE_LIMITED saying so.
     */
    boolean admit(RequestId id, boolean answer, int weight) {
        if (weight > rateLimiter.burst()) {
            if (admit(id, answer, 1)) {
                errors.error(id, ErrorCode.RATE_LIMITED, "this request names " + weight + " patterns; each counts "
                        + "as a message and at most " + rateLimiter.burst() + " fit in one request");
            }
            return false;
        }
        switch (rateLimiter.acquire(System.nanoTime(), weight)) {
            case ADMIT:
                return true;
            case LIMIT:
                if (answer) {
                    errors.error(id, ErrorCode.RATE_LIMITED, "too many messages: the limit is "
                            + services.ratePerSecond() + "/s with a burst of " + services.rateBurst()
                            + (weight > 1 ? " (this request counts as " + weight + ", one per pattern)" : ""));
                } else {
                    services.metrics().error(ErrorCode.RATE_LIMITED);
                }
                return false;
            default:
                log.info("{}: closing, flooding far past the rate limit", connectionId);
                services.metrics().error(ErrorCode.RATE_LIMITED);
                // read nothing more from a flooder: its bytes wait in the kernel, and TCP stops it
                channel.config().setAutoRead(false);
                outbound.closeWith(services.encoder().error(id, ErrorCode.RATE_LIMITED,
                        "flooding far past the rate limit; closing"), CloseCodes.RATE_LIMITED, "rate limited");
                return false;
        }
    }
}
