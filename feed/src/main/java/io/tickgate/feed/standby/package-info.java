/**
 * Hot standby of a collector shard: the node named standby for a shard ({@link io.tickgate.bus.lease.ShardOwnership})
 * runs the shard's pool on its own upstream connections, its events going into a bounded buffer
 * ({@link io.tickgate.feed.standby.StandbyBuffer}) instead of the broker. When it takes the shard over,
 * {@link io.tickgate.feed.standby.StandbyGate} publishes, on the pool's processing thread and before any live event,
 * what the old owner had not ({@link io.tickgate.feed.standby.Catchup}: trades past the last venue trade id each topic
 * carries in the broker, a gap notice where the buffer no longer reaches back that far, the newest value of the other
 * topics and a fresh snapshot of every synced book), then lets the pool publish live.
 */
package io.tickgate.feed.standby;
