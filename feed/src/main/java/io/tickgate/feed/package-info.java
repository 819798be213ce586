/**
 * The feed layer: upstream venue connections to canonical events on the bus. {@link io.tickgate.feed.FeedPools} runs
 * every configured venue's pool and backs {@code /api/v1/feeds} and {@code /ready}.
 *
 * <pre>
 *  json ◀── venues.binance, venues.okx ──▶ venue (the plug-in contract: VenueAdapter, VenueProtocol, SessionProtocol)
 *                                             ▲
 *  FeedPools ─▶ pool ─▶ connection ───────────┘      pool ─▶ pipeline (VenueProcessor: routes, trade ids, BookSync,
 *           └─▶ metrics ─▶ pool                                        klines) ─▶ Broker
 *  replay ─▶ venue, pipeline
 * </pre>
 *
 * A venue lives in one package under {@code venues}; nothing outside it names the venue. Packages depend on each
 * other only in the directions above (no cycles).
 */
package io.tickgate.feed;
