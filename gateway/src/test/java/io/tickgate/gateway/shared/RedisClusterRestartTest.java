package io.tickgate.gateway.shared;

import io.tickgate.bus.testing.RedisExtension;
import io.tickgate.bus.testing.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A Redis Cluster (3 masters) unreachable at start, and re-created empty under a gateway node. */
class RedisClusterRestartTest extends SharedBrokerRestartTest {

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.cluster();

    @Override
    protected TestRedis redis() {
        return REDIS.redis();
    }
}
