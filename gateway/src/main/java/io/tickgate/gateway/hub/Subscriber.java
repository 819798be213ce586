package io.tickgate.gateway.hub;

import io.netty.buffer.ByteBuf;

/** A receiver of topic messages: one client connection's outbound queue. */
public interface Subscriber {

    /**
     * Queues one serialized message (a whole text frame). Takes ownership of {@code frame}. Called from hub shard
     * threads and never blocks.
     *
     * @param ingestNanos {@link System#nanoTime()} at ingest for data messages (latency metric), 0 for others
     * @return false when the subscriber is gone; the hub then forgets it
     */
    boolean deliver(ByteBuf frame, long ingestNanos);
}
