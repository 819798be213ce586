package io.tickgate.bus.testing;

import java.util.List;

/** A test-owned Redis deployment (standalone or cluster) that a test can stop and start again empty. */
public interface TestRedis extends AutoCloseable {

    /** The broker URL: {@code redis://127.0.0.1:P} or {@code redis-cluster://127.0.0.1:P1,127.0.0.1:P2,...}. */
    String url();

    /** The client ports of its servers. */
    List<Integer> ports();

    /** Kills every server (SIGKILL; data lost). */
    void stop();

    /** Starts the servers again, empty, on the same ports (a cluster is created again); no-op while running. */
    void start();

    /** Stop, then start: "Redis restarted without persistence". */
    default void restartEmpty() {
        stop();
        start();
    }

    @Override
    void close();
}
