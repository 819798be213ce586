package io.tickgate.bus.lease;

import io.tickgate.model.event.MarketEvent;

/**
 * The answer to {@link io.tickgate.bus.api.Broker#claim}: whether the topic now carries the claimed generation (from
 * then on, events of older generations are refused), and the last event published on it, for a trade topic (the
 * new owner continues its trade ids from there).
 *
 * @param granted    false when the topic already carries a newer generation (the claimer is itself stale)
 * @param generation the topic's generation after the call
 * @param last       the last trade published on the topic, or null (none kept, or not a trade topic)
 */
public record TopicClaim(boolean granted, long generation, MarketEvent last) {
}
