/**
 * Replay of recorded venue traffic through the live adapter and book-sync code: {@link
 * io.tickgate.feed.replay.Replayer} reads one raw frame per line (a leading {@code <unix seconds>: } prefix is
 * stripped, other non-frame lines are skipped), decodes it with the venue's frame decoder, runs the book sync, and
 * summarizes the outcome in a {@link io.tickgate.feed.replay.ReplaySummary}. REST snapshots come from a capture file
 * ({@link io.tickgate.feed.replay.CaptureSnapshotSource}) instead of HTTP.
 */
package io.tickgate.feed.replay;
