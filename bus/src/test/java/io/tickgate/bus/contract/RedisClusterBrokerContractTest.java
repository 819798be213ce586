package io.tickgate.bus.contract;

import io.tickgate.bus.testing.RedisExtension;
import io.tickgate.bus.testing.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract on a Redis Cluster of 3 masters (test-owned, loopback ports). */
class RedisClusterBrokerContractTest extends RedisContractSupport {

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.cluster();

    @Override
    protected TestRedis redis() {
        return REDIS.redis();
    }
}
