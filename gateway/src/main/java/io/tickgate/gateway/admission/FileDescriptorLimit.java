package io.tickgate.gateway.admission;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/** The process's open-file limit and the global connection limit derived from it. */
public final class FileDescriptorLimit {

    /** Descriptors always kept free for upstream connections, ops endpoints, files: at least this many ... */
    public static final int MIN_RESERVE = 256;
    /** ... or this share of the limit, whichever is larger. */
    public static final double RESERVE_FRACTION = 0.10;
    /** Global limit used when the open-file limit cannot be read (not a Unix JVM). */
    public static final int FALLBACK_MAX_CONNECTIONS = 10_000;

    private FileDescriptorLimit() {
    }

    /** The process's open-file limit, or -1 when the JVM cannot tell. */
    public static long read() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }

    /**
     * The default global connection limit for an open-file limit: the limit minus max(256, 10 %), at least half
     * the limit; {@link #FALLBACK_MAX_CONNECTIONS} when the limit is unknown ({@code <= 0}).
     */
    public static int defaultMaxConnections(long fileLimit) {
        if (fileLimit <= 0) {
            return FALLBACK_MAX_CONNECTIONS;
        }
        long reserve = Math.max(MIN_RESERVE, (long) (fileLimit * RESERVE_FRACTION));
        long limit = Math.max(fileLimit - reserve, fileLimit / 2);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, limit));
    }
}
