package io.tickgate.feed.connection;

/**
 * The health of one upstream connection from two ages: time since the last heartbeat (a venue ping, or the pong to
 * our ping) and time since the last message of any kind. Each age is scored linearly from 1 (just now) to 0 (at its
 * threshold); the connection's score is the lower of the two. A score of 0 means dead: the venue's threshold has
 * passed (Binance: no ping for 60 s; OKX: 30 s without data), and the connection is closed and replaced.
 */
public final class HealthScore {

    private HealthScore() {
    }

    /**
     * @param heartbeatAgeMillis     time since the last heartbeat
     * @param heartbeatTimeoutMillis the venue's heartbeat threshold
     * @param messageAgeMillis       time since the last message
     * @param silenceMillis          the silence threshold
     * @return a score in [0, 1]
     */
    public static double score(long heartbeatAgeMillis, long heartbeatTimeoutMillis, long messageAgeMillis,
                               long silenceMillis) {
        double hb = 1.0 - (double) Math.max(0, heartbeatAgeMillis) / heartbeatTimeoutMillis;
        double msg = 1.0 - (double) Math.max(0, messageAgeMillis) / silenceMillis;
        return Math.max(0.0, Math.min(1.0, Math.min(hb, msg)));
    }

    /** True when either age has reached its threshold. */
    public static boolean dead(long heartbeatAgeMillis, long heartbeatTimeoutMillis, long messageAgeMillis,
                               long silenceMillis) {
        return heartbeatAgeMillis >= heartbeatTimeoutMillis || messageAgeMillis >= silenceMillis;
    }
}
