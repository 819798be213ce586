package io.tickgate.gateway.shared;

import io.tickgate.bus.testing.RedisExtension;
import io.tickgate.bus.testing.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The topic directory lookup on a Redis Cluster of 3 masters. */
class RedisClusterTopicDirectoryTest extends TopicDirectoryNodesTest {

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.cluster();

    @Override
    protected TestRedis redis() {
        return REDIS.redis();
    }
}
