/**
 * The broker contract: {@link io.tickgate.bus.api.Broker} (publish, subscribe to everything, to a topic or to a
 * pattern, history for resume), {@link io.tickgate.bus.api.Envelope}, {@link io.tickgate.bus.api.TopicImage} (state
 * for a new subscriber), {@link io.tickgate.bus.api.History}, and {@link io.tickgate.bus.api.BrokerSettings} (the
 * engines' knobs).
 */
package io.tickgate.bus.api;
