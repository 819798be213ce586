package io.tickgate.bus.contract;

import io.tickgate.bus.testing.RedisExtension;
import io.tickgate.bus.testing.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract on a standalone Redis (test-owned redis-server on a free port). */
class RedisStandaloneBrokerContractTest extends RedisContractSupport {

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.standalone();

    @Override
    protected TestRedis redis() {
        return REDIS.redis();
    }
}
