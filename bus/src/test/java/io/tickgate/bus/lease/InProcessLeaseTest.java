package io.tickgate.bus.lease;

import io.tickgate.bus.api.Broker;
import io.tickgate.bus.local.InProcessBroker;

/** The lease contract in one JVM: every node of the process on one in-process broker. */
class InProcessLeaseTest extends LeaseContractTest {

    private Broker broker;

    @Override
    protected Broker openBroker() {
        if (broker == null) {
            broker = new InProcessBroker();
        }
        return broker;
    }
}
