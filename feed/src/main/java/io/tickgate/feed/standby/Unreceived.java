package io.tickgate.feed.standby;

import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Topic;
import java.util.List;

/**
 * A trade topic whose standby buffer begins past the broker's last id + 1 with none of the ids between dropped by the
 * buffer's bounds: the standby's socket began delivering after the old owner's last publish, so those ids never
 * reached it. Its buffered trades are published after a backfill of the ids between
 * ({@code VenueProcessor.refill}), not after a gap notice.
 *
 * @param topic     the trade topic
 * @param afterId   the last venue id the topic carries (the broker's, or the end of a gap notice the catch-up published)
 * @param afterTime that id's time
 * @param trades    the buffered trades past it, in id order
 */
public record Unreceived(Topic topic, long afterId, long afterTime, List<Trade> trades) {
}
