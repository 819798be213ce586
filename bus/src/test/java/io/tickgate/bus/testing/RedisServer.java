package io.tickgate.bus.testing;

import java.util.List;

/**
 * A standalone test Redis on a free loopback port. {@link #stop()} kills it (SIGKILL: a crash), {@link #start()}
 * starts it again on the same port, empty (no persistence), so a test can play "Redis lost" and "Redis restarted
 * empty", and {@link #pause()} / {@link #resume()} freeze it (SIGSTOP / SIGCONT) to play "Redis hangs".
 */
public final class RedisServer implements TestRedis {

    private final int port;
    private RedisProcess process;

    private RedisServer(int port) {
        this.port = port;
    }

    /** Starts a server on a free port (a few tries if another process takes the port first). */
    public static RedisServer startOnFreePort() {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            RedisServer s = new RedisServer(LoopbackPorts.freePort());
            try {
                s.start();
                return s;
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    public int port() {
        return port;
    }

    @Override
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public List<Integer> ports() {
        return List.of(port);
    }

    /** Starts the server (again), empty; no-op while it runs. */
    @Override
    public synchronized void start() {
        if (process == null || !process.alive()) {
            process = RedisProcess.start(port, List.of());
        }
    }

    /** Kills the server (SIGKILL); its data is gone. */
    @Override
    public synchronized void stop() {
        if (process != null) {
            process.kill();
            process = null;
        }
    }

    /** Freezes the running server (SIGSTOP, {@link RedisProcess#pause()}); {@link #resume()} lets it run on. */
    public synchronized void pause() {
        running().pause();
    }

    /** Lets a {@link #pause() paused} server run on (SIGCONT). */
    public synchronized void resume() {
        running().resume();
    }

    private RedisProcess running() {
        if (process == null) {
            throw new IllegalStateException("the server is not running");
        }
        return process;
    }

    @Override
    public void close() {
        stop();
    }
}
