package io.tickgate.bus.api;

import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.topic.Topic;

/**
 * An event as published: its topic, the topic's epoch, its seq (exactly previous + 1 within an epoch) and the time
 * tickgate ingested it ({@code ingestTime}, epoch ms; {@code ingestNanos}, {@link System#nanoTime()} on the
 * ingesting node, for latency within one process).
 */
public record Envelope(Topic topic, String epoch, long seq, long ingestTime, long ingestNanos, MarketEvent event) {
}
