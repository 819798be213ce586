package io.tickgate.model.event;

import io.tickgate.model.topic.Channel;
import io.tickgate.model.topic.Topic;
import java.util.Objects;

/**
 * A message an application published on a custom topic ({@code custom.signals.alpha}) or a user's personal topic
 * ({@code user.<id>.inbox}): sequenced, stored and delivered like market data, but its {@code data} is the
 * publisher's JSON object, kept as compact text (no line break: it travels inside the broker's line-based messages)
 * and sent to subscribers as it is.
 *
 * @param topic     a custom topic ({@link Topic#isCustom()})
 * @param data      a JSON object, compact
 * @param publisher who published it: {@code api} (the HTTP API) or {@code user:<subject>} (a client connection)
 * @param timestamp when the gateway accepted it, epoch ms
 */
public record CustomMessage(Topic topic, String data, String publisher, long timestamp) implements MarketEvent {

    public CustomMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(publisher, "publisher");
        if (!topic.isCustom()) {
            throw new IllegalArgumentException(topic + " is a market topic; custom messages go on custom.* or user.*");
        }
        if (data.indexOf('\n') >= 0 || data.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("custom message data must be compact JSON (no line break)");
        }
    }

    @Override
    public String source() {
        return topic.source();
    }

    @Override
    public String symbol() {
        return topic.symbol();
    }

    @Override
    public Channel channel() {
        return Channel.CUSTOM;
    }
}
