package io.tickgate.gateway.shared;

import io.tickgate.bus.testing.RedisExtension;
import io.tickgate.bus.testing.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two gateway nodes on a Redis Cluster of 3 masters (sharded pub/sub, topics spread over slots). */
class RedisClusterNodesTest extends SharedBrokerNodesTest {

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.cluster();

    @Override
    protected TestRedis redis() {
        return REDIS.redis();
    }
}
