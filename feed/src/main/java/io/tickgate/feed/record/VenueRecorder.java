package io.tickgate.feed.record;

import io.netty.buffer.ByteBuf;
import io.tickgate.feed.pipeline.FeedItem;
import io.tickgate.model.event.BookSnapshot;

/**
 * Where one venue's live traffic is recorded. Called from the venue's socket event loops (frames, markers) and from
 * the REST client's threads (snapshots); never blocks and never throws: what does not fit is counted and dropped.
 */
public interface VenueRecorder {

    /** A text frame socket {@code session} received at {@code receivedMillis} (epoch ms), readable during the call. */
    void frame(long session, long receivedMillis, ByteBuf utf8);

    /** An ownership marker handed to the venue's processor ({@link FeedItem.Own}, Candidate, Handoff). */
    void marker(FeedItem marker);

    /** A REST depth snapshot of {@code symbol} that returned at {@code receivedMillis}. */
    void snapshot(String symbol, long receivedMillis, BookSnapshot snapshot);
}
