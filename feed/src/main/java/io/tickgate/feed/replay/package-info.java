/**
 * Replay of recorded venue traffic through the live pipeline: {@link io.tickgate.feed.replay.Replayer} reads a
 * recording ({@link io.tickgate.feed.record.RecordingFormat}; cryptofeed captures too), decodes each frame with the
 * venue's decoder and hands the results, with the recorded ownership markers, to a driven
 * {@link io.tickgate.feed.pipeline.VenueProcessor} on the recorded clock, which publishes into a broker; the outcome is
 * a {@link io.tickgate.feed.replay.ReplaySummary}. REST snapshots come from a capture file
 * ({@link io.tickgate.feed.replay.CaptureSnapshotSource}) at the time they returned; {@link
 * io.tickgate.feed.replay.ReplayPace} sets the speed (as fast as possible, or the recorded speed times a factor).
 */
package io.tickgate.feed.replay;
