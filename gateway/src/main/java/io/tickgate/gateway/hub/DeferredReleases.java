package io.tickgate.gateway.hub;

import io.netty.buffer.ByteBuf;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * References to shared frames an event loop gives back at the end of a hub wake-up task ({@link WakeupBatch}) or of
 * the outbound path's delayed drains (the write delay) instead of one by one: the hub retains a frame once per
 * fan-out for all its subscribers, and each connection that copied the frame into its coalesced write would otherwise
 * decrement the frame's reference count on its own — one atomic update per delivery on a cache line the hub thread
 * and the other event loops write too. Within a task the counts are summed per frame and released once. Only plain
 * duplicates are deferred (their count is the frame's); anything else, and anything released outside a task, is
 * released at once. Per thread.
 */
public final class DeferredReleases {

    private static final ThreadLocal<DeferredReleases> CURRENT = new ThreadLocal<>();

    private final Map<ByteBuf, int[]> counts = new IdentityHashMap<>();

    private DeferredReleases() {
    }

    /**
     * Releases {@code buf} now, or at the end of the calling thread's wake-up task. (Netty marks
     * {@code DuplicatedByteBuf} deprecated for making duplicates; the test is what tells a plain duplicate, whose
     * reference count is its frame's, from a retained one, which has its own.)
     */
    @SuppressWarnings("deprecation")
    public static void release(ByteBuf buf) {
        DeferredReleases open = CURRENT.get();
        if (open == null || !(buf instanceof io.netty.buffer.DuplicatedByteBuf)) {
            buf.release();
            return;
        }
        int[] n = open.counts.get(buf.unwrap());
        if (n == null) {
            open.counts.put(buf.unwrap(), new int[] {1});
        } else {
            n[0]++;
        }
    }

    /** Runs {@code task} with releases deferred to its end (nested: the outer task's end). */
    public static void around(Runnable task) {
        if (CURRENT.get() != null) {
            task.run();
            return;
        }
        DeferredReleases open = new DeferredReleases();
        CURRENT.set(open);
        try {
            task.run();
        } finally {
            CURRENT.remove();
            for (Map.Entry<ByteBuf, int[]> e : open.counts.entrySet()) {
                e.getKey().release(e.getValue()[0]);
            }
        }
    }
}
