/**
 * The per-venue upstream connection pool (DESIGN §2 "Pool behaviour"): {@link io.tickgate.feed.pool.FeedPool} spreads
 * symbols over {@link io.tickgate.feed.pool.FeedConnection}s with a
 * {@link io.tickgate.feed.pool.ConsistentHashRing} (virtual nodes, weighted by message rate, bounded loads),
 * autoscales between min and max with a cooldown, rebalances drifted loads with the fewest moves
 * ({@link io.tickgate.feed.pool.Rebalancer}), and moves symbols make-before-break. Everything venue-specific comes
 * from the venue's {@link io.tickgate.feed.venue.VenueAdapter}: defaults, protocol, REST snapshots, book sync.
 *
 * <pre>
 *  FeedPools ── FeedPool (binance) ── FeedConnection binance-0 ── Session (socket) ──┐
 *           │                     └── FeedConnection binance-1 ── Session ───────────┤ FeedItem queue
 *           └── FeedPool (okx) ...                                                   └─▶ VenueProcessor ─▶ Broker
 * </pre>
 */
package io.tickgate.feed.pool;
