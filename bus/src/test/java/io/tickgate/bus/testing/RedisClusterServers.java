package io.tickgate.bus.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Redis Cluster of 3 masters (no replicas) on free loopback ports, created with
 * {@code redis-cli --cluster create ... --cluster-yes}; ready when every node reports {@code cluster_state:ok}.
 * Every step is bounded (30 s).
 */
public final class RedisClusterServers implements TestRedis {

    private static final int MASTERS = 3;
    private static final long TIMEOUT_SECONDS = 30;

    private final List<Integer> ports;
    private final List<Integer> busPorts;
    private final List<RedisProcess> nodes = new ArrayList<>();

    private RedisClusterServers(List<Integer> ports, List<Integer> busPorts) {
        this.ports = ports;
        this.busPorts = busPorts;
    }

    /** Starts 3 nodes on free ports and creates the cluster. */
    public static RedisClusterServers startThreeMasters() {
        List<Integer> ports = new ArrayList<>();
        List<Integer> bus = new ArrayList<>();
        for (int i = 0; i < MASTERS; i++) {
            ports.add(LoopbackPorts.freePort());
            bus.add(LoopbackPorts.freePort());
        }
        RedisClusterServers c = new RedisClusterServers(List.copyOf(ports), List.copyOf(bus));
        try {
            c.start();
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    @Override
    public String url() {
        return "redis-cluster://" + ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    @Override
    public List<Integer> ports() {
        return ports;
    }

    @Override
    public synchronized void start() {
        if (!nodes.isEmpty()) {
            return;
        }
        for (int i = 0; i < MASTERS; i++) {
            nodes.add(RedisProcess.start(ports.get(i), List.of("--cluster-enabled", "yes",
                    "--cluster-port", Integer.toString(busPorts.get(i)),
                    "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "3000")));
        }
        create();
        awaitStateOk();
    }

    private void create() {
        List<String> cmd = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        for (int p : ports) {
            cmd.add("127.0.0.1:" + p);
        }
        cmd.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("redis-cli --cluster create did not finish in " + TIMEOUT_SECONDS
                        + " s");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("redis-cli --cluster create failed: " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run redis-cli", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void awaitStateOk() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        for (int port : ports) {
            String info = "";
            while (!info.contains("cluster_state:ok")) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cluster not ok on port " + port + " within " + TIMEOUT_SECONDS
                            + " s: " + info);
                }
                try {
                    info = String.valueOf(Resp.call(port, "CLUSTER", "INFO"));
                    if (!info.contains("cluster_state:ok")) {
                        Thread.sleep(50);
                    }
                } catch (IOException e) {
                    info = e.toString();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        }
    }

    /** Kills every node (SIGKILL); their data and cluster configuration are gone. */
    @Override
    public synchronized void stop() {
        RuntimeException failure = null;
        for (RedisProcess n : nodes) {
            try {
                n.kill();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        nodes.clear();
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
