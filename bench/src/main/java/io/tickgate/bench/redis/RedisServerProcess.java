package io.tickgate.bench.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server (from the PATH) owned by the benchmark: a free loopback port, no persistence, optionally pinned to
 * CPUs with {@code taskset} (so the engine's JVM and Redis do not take each other's core), stopped on close. The
 * benchmark never touches the machine's own Redis.
 */
public final class RedisServerProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private RedisServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts redis-server on a free loopback port; {@code cpus} (e.g. "1") pins it with taskset, "" does not. */
    public static RedisServerProcess start(String cpus) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = Files.createTempFile("tickgate-bench-redis", ".log");
        List<String> cmd = new ArrayList<>();
        if (!cpus.isEmpty()) {
            cmd.addAll(List.of("taskset", "-c", cpus));
        }
        cmd.addAll(List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--daemonize", "no"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RedisServerProcess server = new RedisServerProcess(p, port, log);
        server.awaitPing();
        return server;
    }

    private void awaitPing() throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited at start: " + Files.readString(log));
            }
            RedisClient c = RedisClient.create(url());
            try (StatefulRedisConnection<String, String> conn = c.connect()) {
                if ("PONG".equals(conn.sync().ping())) {
                    return;
                }
            } catch (RuntimeException e) {
                Thread.sleep(50);
            } finally {
                c.shutdown(0, 1, TimeUnit.SECONDS);
            }
        }
        throw new IOException("redis-server did not answer PING within 10 s on port " + port);
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(log);
    }
}
