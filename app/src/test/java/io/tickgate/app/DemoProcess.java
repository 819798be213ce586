package io.tickgate.app;

import io.tickgate.bus.testing.LoopbackPorts;
import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar tickgate.jar demo --port P} (or another serving command) as a child process, the way a user runs
 * it: started, probed on {@code /health} until it answers, stopped with SIGTERM (or killed with SIGKILL).
 */
public final class DemoProcess implements AutoCloseable {

    /** How long a start may take until {@code /health} answers (a loaded machine starts a JVM slowly). */
    private static final long HEALTHY_SECONDS = 120;

    private final String command;
    private final List<String> jvmOptions;
    private final int port;
    private final Path log;
    private Process process;

    private DemoProcess(String command, List<String> jvmOptions, int port, Path log) {
        this.command = command;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.port = port;
        this.log = log;
    }

    /** Starts the demo on a free loopback port and waits (at most 120 s) until it is healthy. */
    public static DemoProcess start(String... extraArgs) throws Exception {
        return node("demo", extraArgs);
    }

    /**
     * Starts {@code tickgate <command> --port P} (demo or gateway) on a free loopback port and waits (at most
     * 120 s) until it is healthy.
     */
    public static DemoProcess node(String command, String... extraArgs) throws Exception {
        return node(List.of(), command, extraArgs);
    }

    /**
     * {@link #node(String, String...)} with JVM options besides {@code -Xmx512m} (e.g. {@code -XX:TieredStopAtLevel=1}
     * for a test that starts several nodes on a busy machine and measures no speed).
     */
    public static DemoProcess node(List<String> jvmOptions, String command, String... extraArgs) throws Exception {
        DemoProcess p = new DemoProcess(command, jvmOptions, LoopbackPorts.freePort(),
                Files.createTempFile("tickgate-" + command, ".log"));
        p.launch(extraArgs);
        return p;
    }

    /** Starts the demo again on the same port (after {@link #stop()}). */
    public void restart(String... extraArgs) throws Exception {
        launch(extraArgs);
    }

    private void launch(String... extraArgs) throws Exception {
        String jar = System.getProperty("tickgate.jar", "target/tickgate.jar");
        if (!new File(jar).isFile()) {
            throw new IllegalStateException("tickgate.jar not built at " + jar + " (run mvn package first)");
        }
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", jar, command, "--port", Integer.toString(port),
                "--set", "gateway.host=127.0.0.1", "--set", "store.url=" + log + ".history.db"));
        cmd.addAll(List.of(extraArgs));
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(HEALTHY_SECONDS);
        try {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(command + " exited with " + process.exitValue() + ":\n" + log());
                }
                if (healthy()) {
                    return;
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException(command + " not healthy within " + HEALTHY_SECONDS + " s:\n" + log());
        } catch (Exception | Error e) {
            close(); // a process that did not come up is not left running
            throw e;
        }
    }

    private boolean healthy() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(baseUrl() + "health").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(500);
            return c.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Sends SIGTERM and waits for the process to exit.
     *
     * @return milliseconds the process took to exit
     */
    public long stop() throws InterruptedException {
        long t0 = System.nanoTime();
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new IllegalStateException("demo did not exit within 15 s of SIGTERM");
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    /** True while the process runs. */
    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: the process dies at once, without its shutdown hooks (a crashed node). */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGSTOP: every thread of the process halts, its sockets stay open (a node paused by GC, a VM freeze). */
    public void pause() throws Exception {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause()}: the process runs on from where it stopped. */
    public void resume() throws Exception {
        signal("CONT");
    }

    private void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    public int exitValue() {
        return process.exitValue();
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port + "/";
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            try {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
