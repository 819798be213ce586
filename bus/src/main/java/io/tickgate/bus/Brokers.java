package io.tickgate.bus;

import io.micrometer.core.instrument.MeterRegistry;
import io.tickgate.bus.api.Broker;
import io.tickgate.bus.api.BrokerSettings;
import io.tickgate.bus.local.InProcessBroker;
import io.tickgate.bus.redis.RedisBroker;
import io.tickgate.bus.redis.RedisEndpoint;

/** Opens the broker engine a URL names. */
public final class Brokers {

    /** The URL of the default engine. */
    public static final String IN_PROCESS = "in-process";

    private Brokers() {
    }

    /** True when {@code url} names the in-process engine ({@code in-process}, or empty). */
    public static boolean isInProcess(String url) {
        return url == null || url.isBlank() || url.trim().equals(IN_PROCESS);
    }

    /**
     * Opens an engine: {@code in-process} (or empty), {@code redis://host:port}, {@code rediss://host:port} (TLS) or
     * {@code redis-cluster://host:port,host:port,...}. A Redis engine starts even when Redis is unreachable (it
     * retries; {@link Broker#problem()} says why it is not ready).
     *
     * @throws IllegalArgumentException for any other URL, saying what is accepted
     */
    public static Broker open(String url, BrokerSettings settings, MeterRegistry registry) {
        if (isInProcess(url)) {
            return new InProcessBroker(settings);
        }
        return new RedisBroker(RedisEndpoint.parse(url), settings, registry);
    }
}
