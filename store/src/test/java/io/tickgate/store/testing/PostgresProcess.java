package io.tickgate.store.testing;

import io.tickgate.bus.testing.LoopbackPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server owned by one test: {@code initdb} into a temporary folder, {@code pg_ctl start} on a free
 * loopback port, {@link #stop()} and {@link #start()} at will (an outage), {@link #close()} stops it and deletes the
 * folder ({@link #launch()}). The binaries are the newest under {@code /usr/lib/postgresql/<version>/bin}; as root the server runs as
 * the {@code postgres} user (PostgreSQL refuses to run as root).
 */
public final class PostgresProcess implements AutoCloseable {

    private final Path dir;
    private final Path bin;
    private final int port;
    private final boolean root;

    private PostgresProcess(Path dir, Path bin, int port) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
        this.root = "root".equals(System.getProperty("user.name"));
    }

    /** Initializes a server in a new temporary folder and starts it on a free port. */
    public static PostgresProcess launch() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("tickgate-pg-");
        PostgresProcess p = new PostgresProcess(dir, binaries(), LoopbackPorts.freePort());
        if (p.root) {
            p.run(List.of("chown", "-R", "postgres", dir.toString()), false);
        }
        p.run(List.of(p.bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "postgres",
                "--auth=trust", "-E", "UTF8", "--no-sync"), true);
        p.start();
        return p;
    }

    public int port() {
        return port;
    }

    /** The JDBC URL of its {@code postgres} database. */
    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    /** Starts the server (waits until it accepts connections). */
    public void start() throws IOException, InterruptedException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-t", "30",
                "-l", dir.resolve("server.log").toString(), "-o",
                "-p " + port + " -h 127.0.0.1 -k " + dir + " -c fsync=off", "start"), true);
    }

    /** Stops the server at once (fast shutdown: open connections are cut). */
    public void stop() throws IOException, InterruptedException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-t", "30",
                "-m", "fast", "stop"), true);
    }

    @Override
    public void close() throws IOException {
        try {
            if (Files.exists(dir.resolve("data/postmaster.pid"))) {
                stop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private void run(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (asPostgres && root) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(command);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("commands.log").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + cmd);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("failed (" + p.exitValue() + "): " + cmd + "\n"
                    + Files.readString(dir.resolve("commands.log")));
        }
    }

    private static Path binaries() throws IOException {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString())))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL under /usr/lib/postgresql"));
        }
    }
}
