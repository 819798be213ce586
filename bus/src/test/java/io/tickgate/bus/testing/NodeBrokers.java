package io.tickgate.bus.testing;

import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickgate.bus.Brokers;
import io.tickgate.bus.api.Broker;
import io.tickgate.bus.api.BrokerSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The brokers a multi-node contract test opened (one per simulated node on a shared store; the in-process engine
 * hands out one broker for all), each closed once when the test ends.
 */
public final class NodeBrokers implements AutoCloseable {

    private final List<Broker> brokers = new ArrayList<>();

    /** Keeps {@code b} for closing (once, however often it is passed) and returns it. */
    public Broker track(Broker b) {
        if (!brokers.contains(b)) {
            brokers.add(b);
        }
        return b;
    }

    /** A Redis broker on {@code url}, once it is ready. */
    public static Broker redis(String url) {
        Broker b = Brokers.open(url, BrokerSettings.defaults(), new SimpleMeterRegistry());
        await().atMost(Duration.ofSeconds(20)).until(b::ready);
        return b;
    }

    @Override
    public void close() {
        brokers.forEach(Broker::close);
        brokers.clear();
    }
}
