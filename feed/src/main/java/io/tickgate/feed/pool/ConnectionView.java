package io.tickgate.feed.pool;

import io.tickgate.feed.pipeline.StaleSymbol;
import java.util.List;

/**
 * One pooled connection as {@code GET /api/v1/feeds} shows it.
 *
 * @param venue              {@code binance} / {@code okx}
 * @param endpoint           the venue endpoint it connects to ({@code stream}; OKX {@code public} / {@code business})
 * @param name               the connection's name ({@code binance-0}; on a venue's other endpoints with the
 *                           endpoint's name: {@code okx-business-0})
 * @param url                the URL of its current socket (without the query)
 * @param state              {@code connecting}, {@code subscribing}, {@code up}, {@code backoff}, {@code closed}
 * @param health             0 (dead) … 1 (fresh)
 * @param symbols            symbols assigned to it
 * @param verified           symbols the venue confirmed on the current socket
 * @param rejected           symbols the venue refused (reported, not retried)
 * @param lastMessageAgeMillis time since the last message, -1 before the first
 * @param reconnects         unplanned reconnects
 * @param rotations          planned make-before-break rotations
 * @param controlMessagesSent control frames sent on the current socket
 * @param stale              its symbols that are stale now: silent far longer than their usual rate while the
 *                           socket delivers others ({@link io.tickgate.feed.pipeline.StaleRule})
 */
public record ConnectionView(String venue, String endpoint, String name, String url, String state, double health,
                             List<String> symbols, int verified, List<String> rejected, long lastMessageAgeMillis,
                             long reconnects, long rotations, long controlMessagesSent, List<StaleSymbol> stale) {
}
