package io.tickgate.client;

import java.util.function.Consumer;

/**
 * One subscription: its topic, its listener and its position (the epoch and seq of the last message queued for the
 * listener, written on the client's event loop only; null epoch before the first message and after a reset).
 */
final class TopicSubscription implements Subscription {

    final String topic;
    final TopicListener listener;
    private final Consumer<String> unsubscribe;
    volatile String epoch;
    volatile long seq;

    TopicSubscription(String topic, TopicListener listener, Consumer<String> unsubscribe) {
        this.topic = topic;
        this.listener = listener;
        this.unsubscribe = unsubscribe;
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public void close() {
        unsubscribe.accept(topic);
    }
}
