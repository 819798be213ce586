package io.tickgate.app.cli;

import io.tickgate.app.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Several tickgate processes started from this one ({@code demo --nodes N}): each a child JVM running this launcher
 * with its own arguments, its output copied here line by line behind a {@code [node-i]} prefix. Closing stops them
 * all (SIGTERM, then a kill after the shutdown bound) — Ctrl-C on the parent stops the whole cluster.
 */
final class NodeSupervisor implements AutoCloseable {

    /** One child: its launcher arguments and the port whose {@code /health} says it is up. */
    record Node(String name, int port, List<String> args) {
    }

    private final List<Process> processes = new ArrayList<>();

    /** Starts every node and waits (at most {@code healthyMillis}) until each answers {@code /health}. */
    static NodeSupervisor start(List<Node> nodes, PrintStream out, long healthyMillis) throws IOException,
            InterruptedException {
        NodeSupervisor s = new NodeSupervisor();
        try {
            for (Node n : nodes) {
                s.launch(n, out);
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(healthyMillis);
            for (int i = 0; i < nodes.size(); i++) {
                while (!healthy(nodes.get(i).port())) {
                    if (!s.processes.get(i).isAlive()) {
                        throw new IllegalStateException(nodes.get(i).name() + " exited with "
                                + s.processes.get(i).exitValue());
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(nodes.get(i).name() + " not healthy within "
                                + healthyMillis + " ms");
                    }
                    Thread.sleep(200);
                }
            }
            return s;
        } catch (IOException | InterruptedException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void launch(Node node, PrintStream out) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!a.startsWith("-agentlib") && !a.startsWith("-javaagent")) {
                cmd.add(a);
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(node.args());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        processes.add(p);
        Thread pump = new Thread(() -> copy(p, "[" + node.name() + "] ", out), "tickgate-" + node.name() + "-output");
        pump.setDaemon(true);
        pump.start();
    }

    private static void copy(Process p, String prefix, PrintStream out) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                out.println(prefix + line);
            }
        } catch (IOException e) {
            // the child is gone: nothing more to copy
        }
    }

    private static boolean healthy(int port) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/health").toURL()
                    .openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(500);
            return c.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGTERM to every node, then a kill for any still running after the shutdown bound. */
    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ServiceCommand.SHUTDOWN_MILLIS + 2_000);
        for (Process p : processes) {
            try {
                if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
