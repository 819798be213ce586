/**
 * The bus between producers and the gateway. Producers {@link io.tickgate.bus.api.Broker#publish publish}
 * canonical events; the broker stamps each with its topic's epoch and the next seq and hands the resulting
 * {@link io.tickgate.bus.api.Envelope} to subscribers, and keeps each topic's history and state for new and
 * returning subscribers. {@code api} holds the contract, {@code local} the in-process engine (the default),
 * {@code redis} the Redis engine, {@code codec} the event encoding in Redis, {@code state} the image state,
 * {@code presence} the cluster's connection registry and control channel;
 * {@link io.tickgate.bus.Brokers} opens an engine by URL.
 */
package io.tickgate.bus;
