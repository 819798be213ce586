package io.tickgate.gateway.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tickgate.bus.api.Broker;
import io.tickgate.gateway.protocol.ErrorCode;
import io.tickgate.model.event.CustomMessage;
import io.tickgate.model.topic.InvalidTopicException;
import io.tickgate.model.topic.Topic;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a publish request (from a client or the API) into a {@link CustomMessage} on the broker, after the checks
 * both share: the topic parses and is a custom topic (never a venue's: those carry only what the feeds ingested),
 * {@code data} is a JSON object no larger than {@link ApiConfig#maxPublishBytes()}. The caller checks who may
 * publish (the connection's ACL, the API key). Thread-safe; never blocks (the broker queues).
 *
 * <p>Metric: {@code tickgate.gateway.published{from=api|client, outcome=accepted|rejected|dropped}}.
 */
public final class Publishing {

    /** What became of a request: {@link #accepted()} or an error code with a message for the publisher. */
    public record Outcome(Topic topic, ErrorCode error, String message) {

        public boolean accepted() {
            return error == null;
        }
    }

    private final Broker broker;
    private final int maxBytes;
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public Publishing(Broker broker, int maxBytes, MeterRegistry registry) {
        this.broker = broker;
        this.maxBytes = maxBytes;
        this.registry = registry;
    }

    /** The topic a request names, or an error outcome for a topic that does not parse or is not custom. */
    public static Outcome topic(String text) {
        Topic t;
        try {
            t = Topic.parse(text);
        } catch (InvalidTopicException e) {
            return new Outcome(null, ErrorCode.INVALID_TOPIC, e.getMessage());
        }
        if (!t.isCustom()) {
            return new Outcome(t, ErrorCode.FORBIDDEN, "\"" + t + "\" is a market data topic: only the feeds publish "
                    + "there; publish to custom.<group>.<name> or user.<id>.inbox");
        }
        return new Outcome(t, null, null);
    }

    /**
     * Publishes {@code data} (compact JSON text, as Jackson writes a node; null when absent) on {@code topic}, whose
     * publish permission the caller checked.
     *
     * @param from      {@code api} or {@code client}, for the metric
     * @param publisher recorded with the message ({@code api}, {@code user:<subject>})
     */
    public Outcome publish(Topic topic, String data, String from, String publisher) {
        Outcome o = check(topic, data);
        if (o.accepted() && !broker.publish(new CustomMessage(topic, data, publisher, System.currentTimeMillis()))) {
            o = new Outcome(topic, ErrorCode.UNAVAILABLE, "the broker could not take the message (queue full or "
                    + "store unreachable); try again");
            count(from, "dropped");
            return o;
        }
        count(from, o.accepted() ? "accepted" : "rejected");
        return o;
    }

    /** Counts a request refused before {@link #publish} (bad topic, no permission). */
    public void rejected(String from) {
        count(from, "rejected");
    }

    private Outcome check(Topic topic, String data) {
        if (data == null || !data.startsWith("{")) {
            return new Outcome(topic, ErrorCode.INVALID_JSON, "publish needs \"data\": a JSON object");
        }
        if (data.length() > maxBytes || data.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            return new Outcome(topic, ErrorCode.MESSAGE_TOO_LARGE, "\"data\" is larger than " + maxBytes + " bytes");
        }
        return new Outcome(topic, null, null);
    }

    private void count(String from, String outcome) {
        counters.computeIfAbsent(from + "/" + outcome, k -> Counter.builder("tickgate.gateway.published")
                .description("custom messages published through this node, by origin and outcome")
                .tag("from", from).tag("outcome", outcome).register(registry)).increment();
    }
}
