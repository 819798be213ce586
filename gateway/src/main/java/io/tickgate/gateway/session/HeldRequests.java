package io.tickgate.gateway.session;

import io.netty.channel.Channel;
import io.tickgate.gateway.protocol.ClientMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The requests of one connection that arrive while an earlier one waits for an asynchronous answer (a subscribe
 * asking the cluster's topic directory about a topic this node does not know yet): reading stops, the requests
 * already decoded wait here, and are handled in order once the earlier one was answered, so no later request of the
 * connection is answered before it. Bounded: reading is off while holding. Owned by the channel's event loop.
 */
final class HeldRequests {

    private final Channel channel;
    /** Null while nothing is held. */
    private List<ClientMessage> held;

    HeldRequests(Channel channel) {
        this.channel = channel;
    }

    /** True while a request is awaited: later ones go to {@link #add}. */
    boolean holding() {
        return held != null;
    }

    /** Starts holding: reading stops until {@link #release}. */
    void hold() {
        held = new ArrayList<>();
        channel.config().setAutoRead(false);
    }

    void add(ClientMessage msg) {
        held.add(msg);
    }

    /** Ends the hold and reading resumes; the requests held, in arrival order, to be handled now. */
    List<ClientMessage> release() {
        List<ClientMessage> out = held == null ? List.of() : held;
        held = null;
        channel.config().setAutoRead(true);
        return out;
    }
}
