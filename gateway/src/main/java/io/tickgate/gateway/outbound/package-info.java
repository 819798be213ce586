/**
 * The outbound path of client connections, one piece per job:
 * <pre>
 *  hub shards ──deliver──▶ Inbox ──(event loop)──▶ OutboundQueue ──▶ FrameWriter ──▶ channel (flush once per drain)
 *   (any thread)           per-topic snapshot      conflation rules     raw / text / batched frames
 *                          slots                   (Netty-free)
 *                  ConnectionBudget: bytes queued per connection (4008 past it), reserved in the OutboundBudget
 * </pre>
 * {@link io.tickgate.gateway.outbound.ConnectionOutbound} puts them together for one connection (the hub's
 * {@code Subscriber}: admission, inbox, wake-up) and runs the close sequence; its event-loop side (inbox to queue to
 * writer, flush, socket-buffer accounting) is {@link io.tickgate.gateway.outbound.OutboundDrain};
 * {@link io.tickgate.gateway.outbound.OutboundHandler} is its place in the pipeline (writability, close);
 * {@link io.tickgate.gateway.outbound.ControlFrames} builds pongs that go through the same queue and budget;
 * {@link io.tickgate.gateway.outbound.DelayedDrains} runs the write delay ({@code writeDelayMillis}): one event
 * loop's connections drained together, each at most once per delay.
 * {@link io.tickgate.gateway.outbound.OutboundBudget}: the process-wide budget every queued byte is reserved in, with
 * the guard that conflates, sheds the largest backlogs and closes connections whose messages wait too long.
 */
package io.tickgate.gateway.outbound;
