package io.tickgate.gateway.session;

import io.tickgate.gateway.auth.Principal;
import io.tickgate.gateway.protocol.ClientMessage;
import io.tickgate.gateway.protocol.ErrorCode;
import io.tickgate.gateway.publish.Publishing;

/**
 * A client's {@code publish}, checked in this order: the topic (a custom topic), the connection's publish ACL, then
 * the data (by {@link Publishing}), which then goes to the broker. The session answers with the outcome.
 */
final class ClientPublish {

    private ClientPublish() {
    }

    static Publishing.Outcome handle(Publishing publishing, Principal principal, String connectionId,
                                     ClientMessage.Publish p) {
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
