/**
 * A topic's state as the engines keep it for images ({@link io.tickgate.bus.api.TopicImage}): the full order book,
 * the last trades, or the last value, per channel ({@link io.tickgate.bus.state.StateKeeper}). The in-process broker
 * keeps one per topic; the Redis engine's publisher keeps one per book topic to write keyframes.
 */
package io.tickgate.bus.state;
