package io.tickgate.feed.backfill;

/**
 * One venue's trade backfill as {@code GET /api/v1/feeds} shows it ({@code "backfill":[..]}).
 *
 * @param venue              the venue's source name
 * @param enabled            true when missed trades are fetched from the venue's REST history (else announced)
 * @param backfilled         trades recovered from REST and published
 * @param unrecoverable      trades announced as lost in gap notices
 * @param gapNotices         gap notices published
 * @param backfills          holes whose backfill finished
 * @param running            backfills holding live trades now
 * @param lastBackfillMillis how long the last backfill held its topic
 */
public record BackfillStatus(String venue, boolean enabled, long backfilled, long unrecoverable, long gapNotices,
                             long backfills, int running, long lastBackfillMillis) {

    /** The status from a venue's counters. */
    public static BackfillStatus of(String venue, boolean enabled, BackfillCounters c, int running) {
        return new BackfillStatus(venue, enabled, c.backfilled(), c.unrecoverable(), c.gapNotices(), c.backfills(),
                running, c.lastBackfillMillis());
    }
}
