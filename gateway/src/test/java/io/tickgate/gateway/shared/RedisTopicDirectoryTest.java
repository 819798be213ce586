package io.tickgate.gateway.shared;

import io.tickgate.bus.testing.RedisExtension;
import io.tickgate.bus.testing.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The topic directory lookup on one standalone Redis. */
class RedisTopicDirectoryTest extends TopicDirectoryNodesTest {

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.standalone();

    @Override
    protected TestRedis redis() {
        return REDIS.redis();
    }
}
