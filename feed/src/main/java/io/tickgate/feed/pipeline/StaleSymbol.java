package io.tickgate.feed.pipeline;

/**
 * A symbol currently stale (see {@link StaleRule}), as {@code GET /api/v1/feeds} shows it under its connection.
 *
 * @param symbol          the venue's symbol
 * @param silentMillis    since its last message (as of the last check, once a second)
 * @param usualRate       its usual messages per second before it went silent (1 / its mean gap)
 * @param thresholdMillis the silence that counts as stale for it: max(factor × mean gap, minimum)
 * @param resubscribes    resubscriptions made in this episode
 * @param recycles        connection recycles asked for in this episode
 */
public record StaleSymbol(String symbol, long silentMillis, double usualRate, long thresholdMillis, int resubscribes,
                          int recycles) {
}
