package io.tickgate.client;

/** Receives one topic's messages, in seq order, on the client's dispatcher thread. */
@FunctionalInterface
public interface TopicListener {

    void onMessage(TopicMessage message);
}
