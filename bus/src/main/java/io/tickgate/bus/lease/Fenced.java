package io.tickgate.bus.lease;

import io.tickgate.model.topic.Topic;

/**
 * Events the broker refused because their lease generation was older than the topic's: a stale owner (paused or
 * partitioned past its lease) still publishing. The node that published them steps down.
 *
 * @param topic      where they were published
 * @param generation the generation they carried (the highest of the publish call's, which may also hold accepted
 *                   events of a newer generation)
 * @param current    the topic's generation (the new owner's)
 * @param events     how many were refused
 */
public record Fenced(Topic topic, long generation, long current, long events) {
}
