package io.tickgate.bus.redis;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tickgate.model.topic.Channel;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/** The Redis engine's meters ({@code tickgate_broker_*}, docs/operations.md). */
final class RedisMetrics {

    static final String QUEUE_FULL = "queue_full";
    static final String REDIS_ERROR = "redis_error";

    private final Counter publishedEvent;
    private final Counter publishedState;
    private final Counter droppedQueueEvent;
    private final Counter droppedQueueState;
    private final Counter droppedErrorEvent;
    private final Counter droppedErrorState;
    private final Counter calls;
    private final Counter errors;
    private final Counter received;
    private final Counter images;
    private final Counter resyncs;
    private final Counter gapsFilled;
    private final Counter gapsImaged;
    private final Timer roundTrip;
    private final MeterRegistry registry;

    RedisMetrics(MeterRegistry registry) {
        this.registry = registry;
        publishedEvent = published(registry, "event");
        publishedState = published(registry, "state");
        droppedQueueEvent = dropped(registry, "event", QUEUE_FULL);
        droppedQueueState = dropped(registry, "state", QUEUE_FULL);
        droppedErrorEvent = dropped(registry, "event", REDIS_ERROR);
        droppedErrorState = dropped(registry, "state", REDIS_ERROR);
        calls = Counter.builder("tickgate.broker.batches")
                .description("publish script calls sent to Redis (each carries a batch of events)").register(registry);
        errors = Counter.builder("tickgate.broker.redis.errors")
                .description("Redis commands that failed (timeout, connection lost, error reply)").register(registry);
        received = Counter.builder("tickgate.broker.received")
                .description("envelopes received from Redis pub/sub for local subscribers").register(registry);
        images = Counter.builder("tickgate.broker.images")
                .description("topic images (state for a new or resynchronizing subscriber) read from Redis")
                .register(registry);
        resyncs = Counter.builder("tickgate.broker.resyncs")
                .description("live subscriptions that stopped following (seq gap, new epoch, reconnect): filled from "
                        + "the history or given a fresh image (tickgate.broker.gap.fills says which)")
                .register(registry);
        gapsFilled = gapFills(registry, "filled");
        gapsImaged = gapFills(registry, "image");
        roundTrip = Timer.builder("tickgate.broker.round.trip")
                .description("publish script call: sent to answered").register(registry);
    }

    private static Counter gapFills(MeterRegistry r, String result) {
        return Counter.builder("tickgate.broker.gap.fills").tag("result", result)
                .description("a live subscription's missed messages asked from the topic's history: filled, or an "
                        + "image needed (history gone)")
                .register(r);
    }

    private static Counter published(MeterRegistry r, String cls) {
        return Counter.builder("tickgate.broker.published").tag("class", cls)
                .description("events stored and fanned out by Redis").register(r);
    }

    private static Counter dropped(MeterRegistry r, String cls, String reason) {
        return Counter.builder("tickgate.broker.dropped").tag("class", cls).tag("reason", reason)
                .description("events lost before Redis numbered them (queue_full: the publish queue was full; "
                        + "redis_error: the call carrying them failed)").register(r);
    }

    <T> void gauges(T owner, ToDoubleFunction<T> queueDepth, ToDoubleFunction<T> ready,
                    ToDoubleFunction<T> subscribedTopics) {
        Gauge.builder("tickgate.broker.queue.depth", owner, queueDepth)
                .description("events waiting to be sent to Redis").register(registry);
        Gauge.builder("tickgate.broker.ready", owner, ready)
                .description("1 while Redis is reachable, else 0").register(registry);
        Gauge.builder("tickgate.broker.subscribed.topics", owner, subscribedTopics)
                .description("topics this node is subscribed to in Redis").register(registry);
    }

    void published(Channel c, long n) {
        (c.isState() ? publishedState : publishedEvent).increment(n);
    }

    void dropped(Channel c, String reason, long n) {
        if (QUEUE_FULL.equals(reason)) {
            (c.isState() ? droppedQueueState : droppedQueueEvent).increment(n);
        } else {
            (c.isState() ? droppedErrorState : droppedErrorEvent).increment(n);
        }
    }

    void call(long nanos) {
        calls.increment();
        roundTrip.record(nanos, TimeUnit.NANOSECONDS);
    }

    void error() {
        errors.increment();
    }

    void received() {
        received.increment();
    }

    void image() {
        images.increment();
    }

    void resync() {
        resyncs.increment();
    }

    /** Counts a history answer to a gap: filled (also when the buffered messages broke off again) or not. */
    void gapFill(TopicFeed.Fill fill) {
        (fill == TopicFeed.Fill.IMAGE ? gapsImaged : gapsFilled).increment();
    }

    long publishedTotal() {
        return (long) (publishedEvent.count() + publishedState.count());
    }

    long droppedTotal() {
        return (long) (droppedQueueEvent.count() + droppedQueueState.count() + droppedErrorEvent.count()
                + droppedErrorState.count());
    }

    long droppedQueueFull() {
        return (long) (droppedQueueEvent.count() + droppedQueueState.count());
    }

    long callsTotal() {
        return (long) calls.count();
    }
}
