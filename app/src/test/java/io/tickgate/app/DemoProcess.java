package io.tickgate.app;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar tickgate.jar demo --port P} as a child process, the way a user runs it: started, probed on
 * {@code /health} until it answers, stopped with SIGTERM.
 */
public final class DemoProcess implements AutoCloseable {

    private final int port;
    private final Path log;
    private Process process;

    private DemoProcess(int port, Path log) {
        this.port = port;
        this.log = log;
    }

    /** Starts the demo on a free loopback port and waits (at most 60 s) until it is healthy. */
    public static DemoProcess start(String... extraArgs) throws Exception {
        DemoProcess p = new DemoProcess(freePort(), Files.createTempFile("tickgate-demo", ".log"));
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
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar, "demo", "--port", Integer.toString(port),
                "--set", "gateway.host=127.0.0.1"));
        cmd.addAll(List.of(extraArgs));
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("demo exited with " + process.exitValue() + ":\n" + log());
            }
            if (healthy()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("demo not healthy within 60 s:\n" + log());
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

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
