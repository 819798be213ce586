package io.tickgate.bench.redis;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickgate.bus.api.BrokerSettings;
import io.tickgate.bus.redis.RedisBroker;
import io.tickgate.bus.redis.RedisEndpoint;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Trade;
import java.lang.management.ManagementFactory;
import java.util.concurrent.locks.LockSupport;

/**
 * tickgate's engine publishing {@code events} trades over {@code topics} topics ({@code bench.S<i>.trade}) through
 * a {@link RedisBroker}, as a feed would: one producer thread offering into the engine's queue, the engine's writer
 * sending one publish-script call per batch. The producer waits (parks) while the queue is nearly full instead of
 * letting events drop, so the figure is what the engine delivers to Redis, with nothing lost.
 */
public final class EnginePublishRun {

    /** One round's outcome. */
    public record Result(long events, double seconds, long calls, long dropped, double cpuSeconds) {

        public double eventsPerSecond() {
            return events / seconds;
        }

        public double eventsPerCall() {
            return calls == 0 ? 0 : (double) events / calls;
        }
    }

    private final String url;
    private final int topics;
    private final BrokerSettings base;

    public EnginePublishRun(String url, int topics, BrokerSettings base) {
        this.url = url;
        this.topics = topics;
        this.base = base;
    }

    /** This JVM's CPU seconds so far: the engine's side of the cost (producer, writer, Lettuce's I/O threads). */
    static double processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /** The trades the producer cycles through (a fixed set, so encoding cost is the engine's, not generation). */
    static Trade[] trades(int topics) {
        Trade[] t = new Trade[Math.max(1_000, topics)];
        for (int i = 0; i < t.length; i++) {
            t[i] = new Trade("bench", "S" + (i % topics), Integer.toString(i), Decimal.parse("100.25"),
                    Decimal.parse("0.5"), Side.BUY, 1_700_000_000_000L + i);
        }
        return t;
    }

    /** One round on fresh keys (prefix {@code keyPrefix}): publishes, waits until Redis answered every event. */
    public Result round(String keyPrefix, long events) throws InterruptedException {
        Trade[] trades = trades(topics);
        BrokerSettings s = base.toBuilder().keyPrefix(keyPrefix).build();
        int highWater = Math.max(1, s.queueCapacity() - 2 * s.maxBatch());
        try (RedisBroker b = new RedisBroker(RedisEndpoint.parse(url), s, new SimpleMeterRegistry())) {
            double cpu0 = processCpu();
            long t0 = System.nanoTime();
            for (long i = 0; i < events; i++) {
                while (b.queueDepth() > highWater) {
                    // parks, never spins: on a small machine a spinning producer takes Redis's CPU
                    LockSupport.parkNanos(100_000);
                }
                b.publish(trades[(int) (i % trades.length)]);
            }
            while (b.publishedCount() + b.droppedCount() < events) {
                Thread.sleep(1);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            return new Result(events, secs, b.batchCount(), b.droppedCount(), processCpu() - cpu0);
        }
    }
}
