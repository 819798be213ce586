package io.tickgate.gateway.session;

import io.tickgate.gateway.auth.Principal;
import io.tickgate.gateway.outbound.ConnectionOutbound;
import io.tickgate.gateway.protocol.ClientMessage;
import io.tickgate.gateway.protocol.ErrorCode;
import io.tickgate.gateway.publish.Publishing;

/**
 * One connection's {@code publish} requests, checked in this order: the topic (a custom topic), the connection's
 * publish ACL, then the data (by {@link Publishing}), which then goes to the broker. Answered with {@code published}
 * or an error. Used on the channel's event loop.
 */
final class ClientPublish {

    private final SessionHandler.Services services;
    private final ConnectionAuth auth;
    private final ConnectionOutbound outbound;
    private final ClientErrors errors;
    private final String connectionId;

    ClientPublish(SessionHandler.Services services, ConnectionAuth auth, ConnectionOutbound outbound,
                  ClientErrors errors, String connectionId) {
        this.services = services;
        this.auth = auth;
        this.outbound = outbound;
        this.errors = errors;
        this.connectionId = connectionId;
    }

    void handle(ClientMessage.Publish p) {
        Publishing.Outcome o = outcome(services.publishing(), auth.principal(), p);
        if (o.accepted()) {
            outbound.deliver(services.encoder().published(p.id(), o.topic().toString()), 0);
        } else {
            errors.error(p.id(), o.error(), o.message());
        }
    }

    private Publishing.Outcome outcome(Publishing publishing, Principal principal, ClientMessage.Publish p) {
        Publishing.Outcome o = Publishing.topic(p.topic());
        if (o.accepted() && !principal.acl().mayPublish(o.topic().toString())) {
            o = new Publishing.Outcome(o.topic(), ErrorCode.FORBIDDEN, "not allowed to publish to \"" + o.topic()
                    + "\"");
        }
        if (!o.accepted()) {
            publishing.rejected("client");
            return o;
        }
        String publisher = principal.subject() == null ? "connection:" + connectionId : "user:" + principal.subject();
        return publishing.publish(o.topic(), p.data(), "client", publisher);
    }
}
