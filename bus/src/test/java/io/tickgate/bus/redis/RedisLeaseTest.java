package io.tickgate.bus.redis;

import io.tickgate.bus.api.Broker;
import io.tickgate.bus.lease.LeaseContractTest;
import io.tickgate.bus.testing.RedisExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The lease and fencing contract on a test-owned standalone Redis, two brokers as two nodes. */
class RedisLeaseTest extends LeaseContractTest {

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.standalone();

    @Override
    protected Broker openBroker() {
        return redisBroker(REDIS.url());
    }
}
