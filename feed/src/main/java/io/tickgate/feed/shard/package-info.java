/**
 * Collectors sharded across nodes: each venue's symbols split into shards ({@link io.tickgate.feed.shard.FeedShard}),
 * each run by the one node holding the shard's lease ({@link io.tickgate.bus.lease.ShardOwnership});
 * {@link io.tickgate.feed.shard.ShardedFeeds} starts a shard's pool when this node gains the lease (after claiming
 * the shard's topics with the lease generation, continuing each trade topic from the last trade the broker keeps)
 * and stops it when the lease goes, or stands it by ({@code StandbyPools}); {@link io.tickgate.feed.shard.ShardReport}
 * is what {@code GET /api/v1/feeds} and {@code GET /ready} say about them. Venue-neutral: the pools do the venue work.
 */
package io.tickgate.feed.shard;
