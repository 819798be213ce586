package io.tickgate.gateway.hub;

import io.tickgate.bus.api.Envelope;
import io.tickgate.bus.api.Subscription;
import io.tickgate.bus.api.TopicImage;
import io.tickgate.bus.api.TopicListener;
import io.tickgate.model.topic.Topic;

/**
 * One topic's subscription in the broker (per-topic intake), handing its image and envelopes to the topic's shard.
 * Runs on the engine's delivery thread and never blocks: when the shard's queue is full it stops delivering and asks
 * the shard (through its command queue, which never drops) for a resynchronization, i.e. a new subscription whose
 * image replaces the state — so a full queue costs the topic's subscribers a fresh snapshot, never a wrong book.
 */
final class BrokerFeed implements TopicListener {

    /** An image, tagged with the feed it came from (an image of a replaced feed is ignored). */
    record Image(BrokerFeed feed, TopicImage image) {
    }

    private final HubShard shard;
    private final Topic topic;
    private volatile boolean lost;
    private volatile Subscription subscription;

    BrokerFeed(HubShard shard, Topic topic) {
        this.shard = shard;
        this.topic = topic;
    }

    Topic topic() {
        return topic;
    }

    void subscription(Subscription s) {
        subscription = s;
    }

    @Override
    public void onImage(TopicImage image) {
        if (!lost && !shard.offer(new Image(this, image))) {
            lose();
        }
    }

    @Override
    public void onEnvelope(Envelope envelope) {
        if (!lost && !shard.offer(envelope)) {
            lose();
        }
    }

    private void lose() {
        lost = true;
        shard.execute(() -> shard.feedLost(this));
    }

    /** Ends the broker subscription; nothing more is delivered. */
    void close() {
        lost = true;
        Subscription s = subscription;
        if (s != null) {
            s.close();
        }
    }
}
