package io.tickgate.gateway.hub;

import io.tickgate.model.topic.Topic;

/**
 * What the hub knows about one topic, for {@code GET /api/v1/topics}. Written only by the topic's shard; read
 * anywhere (volatile fields, each consistent on its own).
 */
public final class TopicInfo {

    private final Topic topic;
    private volatile String epoch;
    private volatile long seq;
    private volatile int subscribers;

    TopicInfo(Topic topic) {
        this.topic = topic;
    }

    public Topic topic() {
        return topic;
    }

    /** The epoch of the last message, or null when none has been seen. */
    public String epoch() {
        return epoch;
    }

    /** The seq of the last message, 0 when none has been seen. */
    public long seq() {
        return seq;
    }

    public int subscribers() {
        return subscribers;
    }

    void update(String epoch, long seq) {
        this.epoch = epoch;
        this.seq = seq;
    }

    void subscribers(int count) {
        this.subscribers = count;
    }
}
