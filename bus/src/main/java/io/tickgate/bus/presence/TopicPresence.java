package io.tickgate.bus.presence;

import io.tickgate.model.topic.Topic;
import java.util.Map;

/**
 * The subscribers of one topic across the live nodes ({@code GET /api/v1/presence?topic=}).
 *
 * @param topic       the topic
 * @param subscribers the sum over the nodes
 * @param byNode      node id → subscriptions there (nodes without any are left out)
 */
public record TopicPresence(Topic topic, long subscribers, Map<String, Long> byNode) {

    public TopicPresence {
        byNode = Map.copyOf(byNode);
    }
}
