/**
 * The topic hub: per-topic state and fan-out.
 *
 * <pre>
 *  broker ──firehose / per-topic BrokerFeed──offer──▶ [bounded queue] ─▶ HubShard thread 0 ─┐  topic → shard by hash;
 *                                           ──offer──▶ [bounded queue] ─▶ HubShard thread 1 ─┤  each shard is the only
 *  sessions ──subscribe/unsubscribe commands, async answers────────────────────────────▲     │  writer of its topics'
 *                                                                                            ▼  TopicState
 *                            serialize once ─▶ retain(n), duplicate() per Subscriber (a connection's outbound queue)
 * </pre>
 *
 * Subscribe runs on the topic's shard, so {@code subscribed}, {@code snapshot} and live {@code data} follow each
 * other with no gap or duplicate. See {@link io.tickgate.gateway.hub.TopicHub}. The connections a shard's round of
 * work delivered to are woken at its end with one task per event loop ({@link io.tickgate.gateway.hub.WakeupBatch}).
 * On a shared engine a shard follows a topic in the broker only while local clients want it
 * ({@link io.tickgate.gateway.hub.BrokerIntake}: images folded into the same channel state, resyncs, linger),
 * resumes fall back to the broker's history ({@link io.tickgate.gateway.hub.Resumes}), and pattern subscriptions
 * learn of new topics from {@link io.tickgate.gateway.hub.TopicWatch}.
 */
package io.tickgate.gateway.hub;
