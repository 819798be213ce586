package io.tickgate.gateway.shared;

import io.tickgate.bus.testing.RedisExtension;
import io.tickgate.bus.testing.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A standalone Redis unreachable at start, and restarted empty under a gateway node. */
class RedisRestartTest extends SharedBrokerRestartTest {

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.standalone();

    @Override
    protected TestRedis redis() {
        return REDIS.redis();
    }
}
