/**
 * Trade backfill: the venue-neutral mechanism that makes a trade topic gap-free across upstream reconnects,
 * rotations, handoffs and feed-queue overflows. A venue's trade ids are consecutive per symbol and kind, so a live
 * trade whose id jumps past the last published one marks trades the venue sent while nothing was receiving them:
 * {@link io.tickgate.feed.backfill.TradeBackfill} fetches them from the venue's REST trade history
 * ({@link io.tickgate.feed.backfill.TradeHistory}, implemented in the venue's package and paced with the venue's
 * other REST requests), publishes them in id order ahead of the live trades it holds meanwhile (bounded in count and
 * time, {@link io.tickgate.feed.backfill.BackfillConfig}), and announces whatever cannot be recovered with a
 * {@link io.tickgate.model.event.TradeGap} on the topic.
 */
package io.tickgate.feed.backfill;
