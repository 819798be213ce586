/**
 * The Java client of the tickgate WebSocket protocol v1 (docs/protocol.md).
 *
 * <pre>
 *  socket (Netty event loop)                                   dispatcher thread
 *  frames → JSON → per-topic position (epoch, seq):            ┌──────────────────────────────┐
 *    duplicates dropped, gaps/resets reported  ──offer──▶ [bounded queue] ──▶ TopicListener / ClientListener
 *  reconnect with backoff + full jitter, resubscribe with resume {epoch, seq} of the last message queued
 * </pre>
 *
 * Start with {@link io.tickgate.client.TickgateClient}; configuration is {@link io.tickgate.client.ClientConfig}.
 */
package io.tickgate.client;
