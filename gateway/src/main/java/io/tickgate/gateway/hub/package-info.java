/**
 * The topic hub: per-topic state and fan-out.
 *
 * <pre>
 *  broker ──firehose / per-topic BrokerFeed──offer──▶ [bounded queue] ─▶ HubShard thread 0 ─┐  topic → shard by hash;
 *                                           ──offer──▶ [bounded queue] ─▶ HubShard thread 1 ─┤  each shard is the only
 *  sessions ──subscribe/unsubscribe commands, async answers────────────────────────────▲     │  writer of its topics'
 *                                                                                            ▼  TopicState
 *          serialize once ─▶ event topic: one entry per event loop (frame + that loop's LoopSubscribers)
 *                          ─▶ state topic: a duplicate per Subscriber (conflatable snapshot when congested)
 * </pre>
 *
 * Subscribe runs on the topic's shard, so {@code subscribed}, {@code snapshot} and live {@code data} follow each
 * other with no gap or duplicate. See {@link io.tickgate.gateway.hub.TopicHub}. What a shard's round of work hands to
 * connections goes to their event loops at its end, in the shard's order, with at most one task per event loop
 * on its way ({@link io.tickgate.gateway.hub.WakeupBatch}); an event topic's message is one entry per loop for all of
 * the topic's subscribers there ({@link io.tickgate.gateway.hub.LoopGroups}).
 * On a shared engine a shard follows a topic in the broker only while local clients want it
 * ({@link io.tickgate.gateway.hub.BrokerIntake}: images folded into the same channel state, resyncs, linger),
 * resumes fall back to the broker's history ({@link io.tickgate.gateway.hub.Resumes}), and pattern subscriptions
 * learn of new topics from {@link io.tickgate.gateway.hub.TopicWatch}. A full shard queue
 * ({@link io.tickgate.gateway.hub.EnvelopeQueue}) makes a firehose publisher wait while the shard moves; a shared
 * engine's feed drops and resynchronizes the topic instead.
 */
package io.tickgate.gateway.hub;
