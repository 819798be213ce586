package io.tickgate.gateway.hub;

import io.netty.buffer.ByteBuf;
import io.tickgate.model.topic.Topic;

/**
 * A {@link Subscriber} that lives on one event loop and takes what a hub shard hands it there, in the shard's order,
 * in one task per loop per round of the shard ({@link WakeupBatch}): its own messages ({@link #take}) and the
 * messages of event topics it shares with the loop's other subscribers ({@link #takeShared}), one entry per message
 * and loop instead of one per subscriber.
 */
public interface LoopSubscriber extends Subscriber, WakeupBatch.Wakeable {

    /**
     * On {@link #executor()}: a data message of an event topic, shared with other subscribers. Not owned: the
     * subscriber copies it or takes its own reference.
     *
     * @return true when this is the first item taken since the last {@link #wake()} (the task then wakes it at
     *         its end)
     */
    boolean takeShared(Topic topic, ByteBuf frame, long ingestNanos);
}
