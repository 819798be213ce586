package io.tickgate.bus.contract;

import io.tickgate.bus.api.Broker;
import io.tickgate.bus.api.BrokerSettings;
import io.tickgate.bus.local.InProcessBroker;

/** The contract on the in-process engine (one instance is every "node"). */
class InProcessBrokerContractTest extends BrokerContractTest {

    @Override
    protected Broker newNode(BrokerSettings settings) {
        return new InProcessBroker(settings);
    }

    @Override
    protected Broker peer(Broker publisher, BrokerSettings settings) {
        return publisher;
    }

    @Override
    protected boolean sharedStore() {
        return false;
    }
}
