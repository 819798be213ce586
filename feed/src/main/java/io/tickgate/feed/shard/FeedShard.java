package io.tickgate.feed.shard;

import io.tickgate.feed.pool.DeclaredTopics;
import io.tickgate.feed.pool.PoolConfig;
import io.tickgate.feed.standby.StandbyConfig;
import io.tickgate.model.topic.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One shard of a venue's symbols: its lease name ({@code venue/i-of-n}), the pool settings restricted to its
 * symbols, the topics it publishes, and its venue's hot-standby settings.
 */
public record FeedShard(String name, PoolConfig config, Set<Topic> topics, StandbyConfig standby) {

    /** Splits a venue's symbols into {@code count} shards without hot standby. */
    public static List<FeedShard> split(PoolConfig venue, int count) {
        return split(venue, count, StandbyConfig.NONE);
    }

    /**
     * Splits a venue's symbols into {@code count} shards, round-robin in configuration order (the busiest symbols,
     * usually listed first, land in different shards). Every node must configure the same symbols and count: the
     * name carries the count, so nodes configured differently never share a lease for different symbol sets.
     */
    public static List<FeedShard> split(PoolConfig venue, int count, StandbyConfig standby) {
        if (count < 1) {
            throw new IllegalArgumentException(venue.venue().source() + ".shards must be >= 1, was " + count);
        }
        List<String> symbols = venue.symbols();
        int n = Math.min(count, Math.max(1, symbols.size()));
        List<List<String>> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            parts.add(new ArrayList<>());
        }
        for (int i = 0; i < symbols.size(); i++) {
            parts.get(i % n).add(symbols.get(i));
        }
        List<FeedShard> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            PoolConfig c = venue.toBuilder().symbols(parts.get(i)).build();
            out.add(new FeedShard(venue.venue().source() + "/" + i + "-of-" + n, c, DeclaredTopics.of(c), standby));
        }
        return out;
    }
}
