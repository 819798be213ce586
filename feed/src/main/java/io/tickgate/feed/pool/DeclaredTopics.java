package io.tickgate.feed.pool;

import io.tickgate.feed.venue.VenueAdapter;
import io.tickgate.feed.venue.Venues;
import io.tickgate.model.topic.Channel;
import io.tickgate.model.topic.Interval;
import io.tickgate.model.topic.Topic;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The topics a pool's configuration will publish (venue × symbol × the topic channels of each venue channel), known
 * before anything arrives, so the gateway can accept subscriptions to them from start-up. A venue channel the
 * decoders do not support declares nothing.
 */
public final class DeclaredTopics {

    private DeclaredTopics() {
    }

    /** Every topic {@code config} will publish on. */
    public static Set<Topic> of(PoolConfig config) {
        VenueAdapter adapter = Venues.adapter(config.venue());
        Set<Interval> klines = config.klineIntervals();
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        for (String c : config.channels()) {
            channels.addAll(adapter.topicChannels(c, klines));
        }
        Set<Topic> out = new LinkedHashSet<>();
        for (String symbol : config.symbols()) {
            String s = adapter.symbol(symbol);
            if (!Topic.isSymbol(s)) {
                continue;
            }
            for (Channel c : channels) {
                out.add(Topic.of(config.venue().source(), s, c));
            }
        }
        return out;
    }
}
