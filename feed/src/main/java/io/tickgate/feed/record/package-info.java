/**
 * Recording of live venue traffic, in the format replay reads ({@link io.tickgate.feed.record.RecordingFormat}): a
 * {@link io.tickgate.feed.record.Recording} owns a directory and one writer thread behind a bounded queue; per venue
 * a {@link io.tickgate.feed.record.VenueRecorder} takes every text frame where it enters the venue's session
 * ({@link io.tickgate.feed.record.RecordingProtocol}, venue-neutral), every ownership marker the pool hands the
 * processor, and every REST snapshot as it returns ({@link io.tickgate.feed.record.RecordingSnapshotSource}).
 */
package io.tickgate.feed.record;
