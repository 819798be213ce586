package io.tickgate.bus.testing;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension owning a test Redis for one test class: started before the first test, killed after the last
 * (and by a JVM shutdown hook, and by its watchdog if the JVM dies). Use as
 * {@code @RegisterExtension static final RedisExtension REDIS = RedisExtension.standalone();}.
 */
public final class RedisExtension implements BeforeAllCallback, AfterAllCallback {

    private final Supplier<TestRedis> starter;
    private volatile TestRedis redis;
    private Thread hook;

    private RedisExtension(Supplier<TestRedis> starter) {
        this.starter = starter;
    }

    /** One standalone redis-server. */
    public static RedisExtension standalone() {
        return new RedisExtension(RedisServer::startOnFreePort);
    }

    /** A Redis Cluster of 3 masters. */
    public static RedisExtension cluster() {
        return new RedisExtension(RedisClusterServers::startThreeMasters);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        redis = starter.get();
        TestRedis r = redis;
        hook = new Thread(r::close, "redis-test-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (redis != null) {
            redis.close();
            redis = null;
        }
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
            hook = null;
        }
    }

    /** The running deployment. */
    public TestRedis redis() {
        if (redis == null) {
            throw new IllegalStateException("the Redis extension has not started (register it as a static field)");
        }
        return redis;
    }

    public String url() {
        return redis().url();
    }
}
