package io.tickgate.feed.standby;

/**
 * A venue's hot-standby settings ({@code <venue>.standby*}).
 *
 * @param enabled     whether the venue's shards get a hot standby node
 * @param maxEvents   events a standby buffers per shard at most (the oldest are dropped and counted beyond it)
 * @param maxAgeMillis events older than this are dropped from the buffer (what a takeover can still supply)
 */
public record StandbyConfig(boolean enabled, int maxEvents, long maxAgeMillis) {

    /** No standby. */
    public static final StandbyConfig NONE = new StandbyConfig(false, 0, 0);

    public StandbyConfig {
        if (enabled && (maxEvents < 1 || maxAgeMillis < 1)) {
            throw new IllegalArgumentException("standby buffer bounds must be >= 1, were " + maxEvents + " events, "
                    + maxAgeMillis + " ms");
        }
    }
}
