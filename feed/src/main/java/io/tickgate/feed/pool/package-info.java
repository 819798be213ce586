/**
 * The per-venue upstream connection pool (DESIGN §2 "Pool behaviour"): {@link io.tickgate.feed.pool.FeedPool} keeps,
 * per endpoint of the venue that carries configured channels ({@link io.tickgate.feed.pool.EndpointConfig}; OKX:
 * {@code public} and, for candles, {@code business}), an {@link io.tickgate.feed.pool.EndpointPool} that spreads the
 * symbols over its own {@link io.tickgate.feed.pool.FeedConnection}s with a
 * {@link io.tickgate.feed.pool.ConsistentHashRing} (virtual nodes, weighted by message rate, bounded loads),
 * autoscales between min and max with a cooldown, rebalances drifted loads with the fewest moves
 * ({@link io.tickgate.feed.pool.Rebalancer}), and moves symbols make-before-break. Everything venue-specific comes
 * from the venue's {@link io.tickgate.feed.venue.VenueAdapter}: defaults, protocol, REST snapshots, book sync.
 *
 * <p>The endpoints of a venue share its processor, its connection-attempt budget and its REST pacing.
 *
 * <pre>
 *  FeedPools ── FeedPool (binance) ── FeedConnection binance-0 ── Session (socket) ──┐
 *           │                     └── FeedConnection binance-1 ── Session ───────────┤ FeedItem queue
 *           └── FeedPool (okx) ── public:   okx-0, okx-1 ...                          └─▶ VenueProcessor ─▶ Broker
 *                              └── business: okx-business-0 ... ─▶ the okx VenueProcessor
 * </pre>
 */
package io.tickgate.feed.pool;
