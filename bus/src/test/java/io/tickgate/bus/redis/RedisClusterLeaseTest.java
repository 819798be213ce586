package io.tickgate.bus.redis;

import io.tickgate.bus.api.Broker;
import io.tickgate.bus.lease.LeaseContractTest;
import io.tickgate.bus.testing.RedisExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The lease and fencing contract on a test-owned Redis Cluster of 3 masters: leases and topics on many slots. */
class RedisClusterLeaseTest extends LeaseContractTest {

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.cluster();

    @Override
    protected Broker openBroker() {
        return redisBroker(REDIS.url());
    }
}
