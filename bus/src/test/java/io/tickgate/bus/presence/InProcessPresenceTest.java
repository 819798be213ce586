package io.tickgate.bus.presence;

import io.tickgate.bus.api.Broker;
import io.tickgate.bus.local.InProcessBroker;

/** The registry contract in one JVM: both nodes share one in-process broker. */
class InProcessPresenceTest extends PresenceContractTest {

    private Broker shared;

    @Override
    protected Broker openBroker() {
        if (shared == null) {
            shared = InProcessBroker.withoutRetention();
        }
        return shared;
    }
}
