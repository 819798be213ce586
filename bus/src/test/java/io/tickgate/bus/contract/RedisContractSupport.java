package io.tickgate.bus.contract;

import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickgate.bus.Brokers;
import io.tickgate.bus.api.Broker;
import io.tickgate.bus.api.BrokerSettings;
import io.tickgate.bus.redis.RedisBroker;
import io.tickgate.bus.testing.Resp;
import io.tickgate.bus.testing.TestRedis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/** The contract on a Redis engine: each node is a RedisBroker on the test-owned deployment. */
abstract class RedisContractSupport extends BrokerContractTest {

    protected abstract TestRedis redis();

    @Override
    protected Broker newNode(BrokerSettings settings) {
        Broker b = Brokers.open(redis().url(), settings, new SimpleMeterRegistry());
        await().atMost(Duration.ofSeconds(20)).until(b::ready);
        return b;
    }

    @Override
    protected Broker peer(Broker publisher, BrokerSettings settings) {
        return newNode(settings);
    }

    @Override
    protected boolean sharedStore() {
        return true;
    }

    @Override
    protected void stopStore() {
        redis().stop();
    }

    @Override
    protected void startStore() {
        redis().start();
    }

    @Override
    protected void pauseWrites(long millis) {
        for (int port : redis().ports()) {
            try {
                Resp.call(port, "CLIENT", "PAUSE", Long.toString(millis), "WRITE");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    protected long droppedQueueFull(Broker b) {
        return ((RedisBroker) b).droppedQueueFullCount();
    }

    @Override
    protected int queued(Broker b) {
        return ((RedisBroker) b).queueDepth();
    }

    @Override
    protected void afterUnsubscribe(Broker b) {
        await().atMost(Duration.ofSeconds(10)).until(() -> ((RedisBroker) b).subscribedTopics() == 1);
    }
}
