package io.tickgate.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tickgate.gateway.protocol.ErrorCode;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The gateway's meters, all named {@code tickgate.gateway.*} (Prometheus: {@code tickgate_gateway_*}). Counters are
 * thread-safe; call from any thread.
 */
public final class GatewayMetrics {

    /** A resume that was served from history. */
    public static final String RESUME_OK = "resumed";
    /** A resume refused because the topic's epoch changed. */
    public static final String RESUME_EPOCH = "epoch";
    /** A resume refused because history does not reach back far enough (or the seq is ahead). */
    public static final String RESUME_RANGE = "range";

    private static final String PREFIX = "tickgate.gateway.";

    private final MeterRegistry registry;
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong subscriptions = new AtomicLong();
    private final Map<String, Counter> messagesIn = new ConcurrentHashMap<>();
    private final Counter messagesOut;
    private final Map<ErrorCode, Counter> errors = new EnumMap<>(ErrorCode.class);
    private final Map<Integer, Counter> closes = new ConcurrentHashMap<>();
    private final Counter slowConsumerDisconnects;
    private final Counter hubDropped;
    private final Counter hubGaps;
    private final Timer fanoutLatency;
    private final AtomicLong historySize = new AtomicLong();
    private final LongAdder queuedBytes = new LongAdder(); // updated by every enqueue and write: no shared CAS
    private final Map<String, Counter> resumes = new ConcurrentHashMap<>();
    private final Counter replayed;
    private final Map<String, Counter> conflations = new ConcurrentHashMap<>();
    private final Counter dropped;
    private final Counter batches;

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(PREFIX + "connections", connections, AtomicLong::get)
                .description("Open client WebSocket connections").register(registry);
        Gauge.builder(PREFIX + "subscriptions", subscriptions, AtomicLong::get)
                .description("Active topic subscriptions over all connections").register(registry);
        messagesOut = Counter.builder(PREFIX + "messages.out")
                .description("Messages written to clients (a batch frame counts each message)").register(registry);
        for (ErrorCode code : ErrorCode.values()) {
            errors.put(code, Counter.builder(PREFIX + "errors").tag("code", code.name())
                    .description("Error messages sent to clients, by code").register(registry));
        }
        slowConsumerDisconnects = Counter.builder(PREFIX + "slow.consumer.disconnects")
                .description("Connections closed (4008) because their outbound queue exceeded its budget")
                .register(registry);
        hubDropped = Counter.builder(PREFIX + "hub.dropped")
                .description("Envelopes dropped because a hub shard queue was full").register(registry);
        hubGaps = Counter.builder(PREFIX + "hub.gaps")
                .description("Seq gaps seen by the hub (an envelope was lost before fan-out)").register(registry);
        fanoutLatency = Timer.builder(PREFIX + "fanout.latency")
                .description("Ingest to socket write, oldest data frame of each flushed batch")
                .publishPercentiles(0.5, 0.99, 0.999)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        Gauge.builder(PREFIX + "history.size", historySize, AtomicLong::get)
                .description("Messages held in topic histories for resume").register(registry);
        Gauge.builder(PREFIX + "outbound.queued.bytes", queuedBytes, LongAdder::sum)
                .description("Bytes queued in connection outbound queues (not yet handed to sockets)")
                .register(registry);
        for (String result : new String[] {RESUME_OK, RESUME_EPOCH, RESUME_RANGE}) {
            resumes.put(result, Counter.builder(PREFIX + "resumes").tag("result", result)
                    .description("Subscribe requests with resume, by result: resumed (replayed from history), "
                            + "epoch (epoch changed), range (history does not cover the gap)")
                    .register(registry));
        }
        replayed = Counter.builder(PREFIX + "replayed.messages")
                .description("Messages replayed from history to resuming clients").register(registry);
        dropped = Counter.builder(PREFIX + "outbound.dropped")
                .description("Messages discarded from outbound queues when a slow consumer was closed (4008)")
                .register(registry);
        batches = Counter.builder(PREFIX + "batches")
                .description("Frames holding a JSON array of several messages (?batch=1)").register(registry);
    }

    /** A subscribe with resume, by result ({@link #RESUME_OK}, {@link #RESUME_EPOCH}, {@link #RESUME_RANGE}). */
    public void resume(String result, int replayedMessages) {
        resumes.get(result).increment();
        if (replayedMessages > 0) {
            replayed.increment(replayedMessages);
        }
    }

    /** Entries added to (positive) or removed from (negative) topic histories. */
    public void historySize(long delta) {
        historySize.addAndGet(delta);
    }

    public long historySize() {
        return historySize.get();
    }

    /** Bytes added to (positive) or removed from (negative) outbound queues. */
    public void queuedBytes(long delta) {
        queuedBytes.add(delta);
    }

    /** A queued state message of {@code channel} replaced by a newer snapshot. */
    public void conflated(String channel) {
        conflations.computeIfAbsent(channel, c -> Counter.builder(PREFIX + "conflations").tag("channel", c)
                .description("Queued state-channel messages replaced by a newer snapshot (slow consumer)")
                .register(registry)).increment();
    }

    /** Messages discarded from an outbound queue. */
    public void dropped(int messages) {
        dropped.increment(messages);
    }

    /** One multi-message frame written. */
    public void batch() {
        batches.increment();
    }

    /** Registers the hub queue depth gauge. */
    public void hubQueueDepth(Supplier<Number> depth) {
        Gauge.builder(PREFIX + "hub.queue.depth", depth).description("Envelopes waiting in hub shard queues")
                .register(registry);
    }

    public void connectionOpened() {
        connections.incrementAndGet();
    }

    public void connectionClosed() {
        connections.decrementAndGet();
    }

    public long connections() {
        return connections.get();
    }

    public void subscriptionAdded() {
        subscriptions.incrementAndGet();
    }

    public void subscriptionRemoved() {
        subscriptions.decrementAndGet();
    }

    public long subscriptions() {
        return subscriptions.get();
    }

    /** One inbound client message of {@code type}. */
    public void messageIn(String type) {
        messagesIn.computeIfAbsent(type, t -> Counter.builder(PREFIX + "messages.in").tag("type", t)
                .description("Client messages received, by type").register(registry)).increment();
    }

    public void messagesOut(int frames) {
        messagesOut.increment(frames);
    }

    public void error(ErrorCode code) {
        errors.get(code).increment();
    }

    /** A connection the gateway closed with {@code code}. */
    public void closed(int code) {
        closes.computeIfAbsent(code, c -> Counter.builder(PREFIX + "closes").tag("code", Integer.toString(c))
                .description("Connections closed by the gateway, by close code").register(registry)).increment();
    }

    public void slowConsumerDisconnect() {
        slowConsumerDisconnects.increment();
    }

    public void hubDropped() {
        hubDropped.increment();
    }

    public void hubGap() {
        hubGaps.increment();
    }

    /** Records ingest→write latency for a frame ingested at {@code ingestNanos} ({@link System#nanoTime()}). */
    public void fanoutLatency(long ingestNanos) {
        fanoutLatency.record(System.nanoTime() - ingestNanos, TimeUnit.NANOSECONDS);
    }
}
