package io.tickgate.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tickgate.gateway.protocol.CloseCodes;
import io.tickgate.gateway.protocol.ErrorCode;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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

    /** 4008 because the connection's own outbound budget was exceeded. */
    /** {@link #brokerHistory} result: the broker's history (and the local one) answered a resume. */
    public static final String HISTORY_REPLAYED = "replayed";
    /** {@link #brokerHistory} result: the broker no longer had the position (the client got a snapshot). */
    public static final String HISTORY_GONE = "gone";
    /** {@link #brokerHistory} result: the request failed (the client got a snapshot). */
    public static final String HISTORY_FAILED = "failed";
    public static final String SLOW_CONNECTION_BUDGET = "connection_budget";
    /** 4008 because the process-wide outbound budget was (nearly) full and this backlog was among the largest. */
    public static final String SLOW_TOTAL_BUDGET = "total_budget";
    /** 4008 because a queued message waited longer than the queue delay limit. */
    public static final String SLOW_QUEUE_AGE = "queue_age";

    private static final String PREFIX = "tickgate.gateway.";

    private final MeterRegistry registry;
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong subscriptions = new AtomicLong();
    private final Map<String, Counter> messagesIn = new ConcurrentHashMap<>();
    private final Counter messagesOut;
    private final Map<ErrorCode, Counter> errors = new EnumMap<>(ErrorCode.class);
    private final Map<Integer, Counter> closes = new ConcurrentHashMap<>();
    private final Map<String, Counter> slowConsumerCloses = new ConcurrentHashMap<>();
    private final Counter hubDropped;
    private final Counter hubGaps;
    private final Counter hubWaits;
    private final Counter hubResyncs;
    private final Map<String, Counter> brokerHistory = new ConcurrentHashMap<>();
    private final Timer fanoutLatency;
    private final AtomicLong historySize = new AtomicLong();
    private final Map<String, Counter> resumes = new ConcurrentHashMap<>();
    private final Counter replayed;
    private final Map<String, Counter> conflations = new ConcurrentHashMap<>();
    private final Counter dropped;
    private final Counter batches;
    private final Map<String, Counter> clientGone = new ConcurrentHashMap<>();

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
        // the total is the 4008 closes themselves: a slow-consumer close that loses the race to another close
        // (another thread's 4008, or a 4029 / 4009 at the same moment) must not count as a disconnect
        Counter slowCloses = closeCounter(CloseCodes.SLOW_CONSUMER);
        FunctionCounter.builder(PREFIX + "slow.consumer.disconnects", slowCloses, Counter::count)
                .description("Connections closed (4008) as slow consumers, for any reason (= closes{code=4008})")
                .register(registry);
        for (String reason : new String[] {SLOW_CONNECTION_BUDGET, SLOW_TOTAL_BUDGET, SLOW_QUEUE_AGE}) {
            slowConsumerCloses.put(reason, Counter.builder(PREFIX + "slow.consumer.closes").tag("reason", reason)
                    .description("Slow-consumer closes (4008) by reason: connection_budget (its own budget), "
                            + "total_budget (the process-wide budget), queue_age (a message queued too long)")
                    .register(registry));
        }
        hubDropped = Counter.builder(PREFIX + "hub.dropped")
                .description("Envelopes dropped because a hub shard queue was full").register(registry);
        hubWaits = Counter.builder(PREFIX + "hub.waits")
                .description("Envelopes whose publishing thread waited for room in a full hub shard queue "
                        + "(firehose backpressure)").register(registry);
        hubGaps = Counter.builder(PREFIX + "hub.gaps")
                .description("Seq gaps seen by the hub (an envelope was lost before fan-out)").register(registry);
        hubResyncs = Counter.builder(PREFIX + "hub.resyncs")
                .description("Topics whose state the hub replaced from a broker image under subscribers (epoch "
                        + "change, gap, reconnect); each subscriber got a fresh snapshot").register(registry);
        for (String result : new String[] {HISTORY_REPLAYED, HISTORY_GONE, HISTORY_FAILED}) {
            brokerHistory.put(result, Counter.builder(PREFIX + "hub.broker.history").tag("result", result)
                    .description("Resumes the local history could not answer, asked of the broker's history, by "
                            + "result: replayed, gone (snapshot instead), failed (snapshot instead)")
                    .register(registry));
        }
        // buckets only (quantiles come from histogram_quantile over them, across nodes too): client-side percentiles
        // would cost each socket write a record into several rotating HdrHistograms
        fanoutLatency = Timer.builder(PREFIX + "fanout.latency")
                .description("Ingest to socket write, oldest data frame of each flushed batch")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        Gauge.builder(PREFIX + "history.size", historySize, AtomicLong::get)
                .description("Messages held in topic histories for resume").register(registry);
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

    /**
     * Registers the outbound gauges: bytes reserved in the process-wide outbound budget (queues, hand-overs to event
     * loops, socket write buffers; per-message overhead included) and its cap.
     */
    public void outboundBudget(Supplier<Number> queuedBytes, long maxBytes) {
        Gauge.builder(PREFIX + "outbound.queued.bytes", queuedBytes)
                .description("Bytes queued for clients over all connections: outbound queues, hand-overs to event "
                        + "loops and socket write buffers, with a per-message overhead; shared payloads count once "
                        + "per connection").register(registry);
        Gauge.builder(PREFIX + "outbound.max.queued.bytes", () -> maxBytes)
                .description("Cap on outbound.queued.bytes (maxTotalQueuedBytes)").register(registry);
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

    /** A connection that ended from the client's side without a close handshake, by reason tag. */
    public void clientGone(String reason) {
        clientGone.computeIfAbsent(reason, r -> Counter.builder(PREFIX + "client.gone").tag("reason", r)
                .description("Connections the client dropped without a close handshake, by reason: mid_message, "
                        + "reset, broken_pipe, closed_channel, io_error").register(registry)).increment();
    }

    /** A connection the gateway closed with {@code code}. */
    public void closed(int code) {
        closeCounter(code).increment();
    }

    private Counter closeCounter(int code) {
        return closes.computeIfAbsent(code, c -> Counter.builder(PREFIX + "closes").tag("code", Integer.toString(c))
                .description("Connections closed by the gateway, by close code").register(registry));
    }

    /**
     * A 4008 close about to be made, by reason ({@link #SLOW_CONNECTION_BUDGET}, {@link #SLOW_TOTAL_BUDGET},
     * {@link #SLOW_QUEUE_AGE}). The total ({@code slow.consumer.disconnects}) counts the 4008 closes made
     * ({@link #closed}), not these calls.
     */
    public void slowConsumerDisconnect(String reason) {
        slowConsumerCloses.get(reason).increment();
    }

    public void hubDropped() {
        hubDropped.increment();
    }

    public void hubWaited() {
        hubWaits.increment();
    }

    public void hubGap() {
        hubGaps.increment();
    }

    public void hubResync() {
        hubResyncs.increment();
    }

    /** A resume asked of the broker's history, by result ({@link #HISTORY_REPLAYED} ...). */
    public void brokerHistory(String result) {
        brokerHistory.get(result).increment();
    }

    /** Registers the gauge of topics the hub follows in the broker (per-topic intake). */
    public void hubBrokerTopics(Supplier<Number> topics) {
        Gauge.builder(PREFIX + "hub.broker.topics", topics)
                .description("Topics this node is subscribed to in the broker (per-topic intake)").register(registry);
    }

    /** Records ingest→write latency for a frame ingested at {@code ingestNanos} ({@link System#nanoTime()}). */
    public void fanoutLatency(long ingestNanos) {
        fanoutLatency.record(System.nanoTime() - ingestNanos, TimeUnit.NANOSECONDS);
    }
}
