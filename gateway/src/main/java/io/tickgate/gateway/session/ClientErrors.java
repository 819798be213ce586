package io.tickgate.gateway.session;

import io.tickgate.gateway.codec.ServerMessageEncoder;
import io.tickgate.gateway.metrics.GatewayMetrics;
import io.tickgate.gateway.outbound.ConnectionOutbound;
import io.tickgate.gateway.protocol.ErrorCode;
import io.tickgate.gateway.protocol.RequestId;

/**
 * Answers one connection's refused request with an {@code error} through its {@link ConnectionOutbound}, counting it
 * by code; the connection stays open. Used on the channel's event loop.
 */
final class ClientErrors {

    private final ServerMessageEncoder encoder;
    private final GatewayMetrics metrics;
    private final ConnectionOutbound outbound;

    ClientErrors(SessionHandler.Services services, ConnectionOutbound outbound) {
        this.encoder = services.encoder();
        this.metrics = services.metrics();
        this.outbound = outbound;
    }

    void error(RequestId id, ErrorCode code, String message) {
        metrics.error(code);
        outbound.deliver(encoder.error(id, code, message), 0);
    }
}
