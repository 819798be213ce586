/**
 * The topic hub: per-topic state and fan-out.
 *
 * <pre>
 *  broker listener ──offer──▶ [bounded queue] ─▶ HubShard thread 0 ─┐   topic → shard by hash; each shard is the only
 *                   ──offer──▶ [bounded queue] ─▶ HubShard thread 1 ─┤   writer of its topics' TopicState (epoch, seq,
 *  sessions ──subscribe/unsubscribe commands──────────────────────▲  │   snapshot state, subscribers)
 *                                                                    ▼
 *                            serialize once ─▶ retainedDuplicate() per Subscriber (a connection's outbound queue)
 * </pre>
 *
 * Subscribe runs on the topic's shard, so {@code subscribed}, {@code snapshot} and live {@code data} follow each
 * other with no gap or duplicate. See {@link io.tickgate.gateway.hub.TopicHub}. The connections a shard's round of
 * work delivered to are woken at its end with one task per event loop ({@link io.tickgate.gateway.hub.WakeupBatch}).
 */
package io.tickgate.gateway.hub;
