package io.tickgate.bus.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code redis-server} process on 127.0.0.1, no persistence ({@code --save "" --appendonly no}), its files in a
 * temporary directory. It runs under a small shell watchdog that kills it (and removes the directory) as soon as this
 * JVM is gone, so even a test run that is killed leaves no server behind. {@link #kill()} is SIGKILL and waits for
 * the process to be gone.
 */
public final class RedisProcess implements AutoCloseable {

    /** Watchdog: starts redis-server, prints its pid, and kills it when the JVM or the server is gone. */
    private static final String WATCHDOG = String.join("\n",
            "dir=\"$1\"; jvm=\"$2\"; shift 2",
            "redis-server \"$@\" >/dev/null 2>&1 &",
            "r=$!",
            "echo \"$r\"",
            "trap 'kill -9 $r 2>/dev/null; rm -rf \"$dir\"' EXIT",
            "trap 'exit 0' TERM INT HUP",
            "while kill -0 \"$jvm\" 2>/dev/null && kill -0 \"$r\" 2>/dev/null; do sleep 0.3; done");

    private final int port;
    private final Path dir;
    private final Process watchdog;
    private final long pid;

    private RedisProcess(int port, Path dir, Process watchdog, long pid) {
        this.port = port;
        this.dir = dir;
        this.watchdog = watchdog;
        this.pid = pid;
    }

    /**
     * Starts a server on {@code port} with {@code extraArgs} (e.g. cluster options) and waits (up to 10 s) until it
     * answers PING.
     *
     * @throws IllegalStateException if redis-server is missing or does not come up (its log is in the message)
     */
    public static RedisProcess start(int port, List<String> extraArgs) {
        requireBinaries();
        try {
            Path dir = Files.createTempDirectory("tickgate-redis-test-" + port + "-");
            List<String> cmd = new ArrayList<>(List.of("sh", "-c", WATCHDOG, "redis-watchdog", dir.toString(),
                    Long.toString(ProcessHandle.current().pid()),
                    "--bind", "127.0.0.1", "--port", Integer.toString(port), "--save", "", "--appendonly", "no",
                    "--protected-mode", "no", "--dir", dir.toString(), "--logfile", dir.resolve("redis.log").toString()));
            cmd.addAll(extraArgs);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null) {
                throw new IllegalStateException("redis watchdog printed no pid");
            }
            RedisProcess rp = new RedisProcess(port, dir, p, Long.parseLong(line.trim()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Resp.ping(port)) {
                if (!rp.alive() || System.nanoTime() > deadline) {
                    String log = rp.log();
                    rp.close();
                    throw new IllegalStateException("redis-server on port " + port + " did not come up: " + log);
                }
                Thread.sleep(20);
            }
            return rp;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Fails with a clear message when the Redis binaries are not installed. */
    public static void requireBinaries() {
        for (String bin : List.of("redis-server", "redis-cli")) {
            boolean found = false;
            for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
                if (Files.isExecutable(Path.of(d, bin))) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                throw new IllegalStateException(bin + " not found on PATH: run scripts/ensure-services.sh "
                        + "(installs redis-server and redis-tools)");
            }
        }
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    public boolean alive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The server's log so far (for error messages). */
    public String log() {
        try {
            return Files.readString(dir.resolve("redis.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * SIGSTOPs the server: it halts with its sockets open, so clients' commands get no answer (neither an error)
     * until {@link #resume()} — a Redis frozen or unreachable without a reset.
     */
    public void pause() {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause()}: the server answers the queued commands and runs on. */
    public void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process p = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** SIGKILLs the server (a crash: nothing is saved) and waits up to 5 s until it and its watchdog are gone. */
    public void kill() {
        ProcessHandle.of(pid).ifPresent(h -> {
            h.destroyForcibly();
            try {
                h.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("redis-server " + pid + " did not exit", e);
            }
        });
        try {
            if (!watchdog.waitFor(5, TimeUnit.SECONDS)) {
                watchdog.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the server; the watchdog removes its directory. */
    @Override
    public void close() {
        kill();
    }
}
