/**
 * The Java client of the tickgate WebSocket protocol v1 (docs/protocol.md).
 *
 * <pre>
 *  socket (Netty event loop)                                   dispatcher thread
 *  frames → JSON → per-topic position (epoch, seq):            ┌──────────────────────────────┐
 *    duplicates dropped, gaps/resets reported  ──offer──▶ [bounded queue] ──▶ TopicListener / ClientListener
 *  reconnect with backoff + full jitter, resubscribe with resume {epoch, seq} of the last message queued,
 *  paced under the rate limit the server's welcome states
 * </pre>
 *
 * Start with {@link io.tickgate.client.TickgateClient}; configuration is {@link io.tickgate.client.ClientConfig}.
 * Inside: {@code TopicDelivery} (per-topic seq order, duplicates, gaps), {@code SubscribeRequests} and
 * {@code SubscribePacer} (subscribes paced and retried), {@code PendingPublishes}, {@code ListenerQueue}.
 */
package io.tickgate.client;
