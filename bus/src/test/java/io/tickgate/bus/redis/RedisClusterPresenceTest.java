package io.tickgate.bus.redis;

import io.tickgate.bus.api.Broker;
import io.tickgate.bus.presence.PresenceContractTest;
import io.tickgate.bus.testing.RedisExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The registry contract on a test-owned Redis Cluster of 3 masters: keys of many slots, broadcast control. */
class RedisClusterPresenceTest extends PresenceContractTest {

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.cluster();

    @Override
    protected Broker openBroker() {
        return redisBroker(REDIS.url());
    }
}
