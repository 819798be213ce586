package io.tickgate.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/tickgate-bench} against the packaged {@code bench/target/benchmarks.jar}, as a user runs it: it lists
 * the tools, and a {@code bench-server} it started serves a {@code bench} it started, on loopback.
 */
@Timeout(120)
class BenchLauncherIT {

    private static final Pattern LISTENING =
            Pattern.compile("bench-server \\(pid \\d+\\) on ws://127\\.0\\.0\\.1:(\\d+)/ws");

    @TempDir
    Path dir;

    @Test
    void helpListsTheBenchmarkTools() throws Exception {
        Path out = dir.resolve("help.txt");
        Process p = launcher("--help").redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String help = Files.readString(out);
        assertThat(p.exitValue()).as(help).isZero();
        assertThat(help).contains("Usage: tickgate-bench").containsPattern("(?m)^\\s+bench\\s")
                .containsPattern("(?m)^\\s+bench-server\\s").containsPattern("(?m)^\\s+bench-plot\\s");
    }

    @Test
    void theLaunchedLoadGeneratorMeasuresTheLaunchedBenchServer() throws Exception {
        Path serverLog = dir.resolve("server.txt");
        Process server = launcher("bench-server", "--port", "0", "--topics", "2", "--rate", "200")
                .redirectErrorStream(true).redirectOutput(serverLog.toFile()).start();
        boolean stopped;
        try {
            int port = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> listeningPort(server, serverLog), p -> p > 0);
            Path report = dir.resolve("report.json");
            Path progress = dir.resolve("progress.txt");
            Process bench = launcher("bench", "--port", Integer.toString(port), "--connections", "10",
                    "--warmup", "0.5", "--duration", "1", "--json")
                    .redirectOutput(report.toFile()).redirectError(progress.toFile()).start();
            assertThat(bench.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String json = Files.readString(report);
            assertThat(bench.exitValue()).as(json + Files.readString(progress)).isZero();
            JsonNode r = new ObjectMapper().readTree(json);
            assertThat(r.path("connections").path("established").asInt()).as(json).isEqualTo(10);
            assertThat(r.path("connections").path("subscriptions").asInt()).as(json).isEqualTo(20);
            assertThat(r.path("delivery").path("messages").asLong()).as(json).isPositive();
        } finally {
            server.destroy(); // SIGTERM (the launcher execs java): the shutdown hook closes the gateway
            stopped = server.waitFor(20, TimeUnit.SECONDS);
            if (!stopped) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        assertThat(stopped).as("stops on SIGTERM:\n" + Files.readString(serverLog)).isTrue();
    }

    /** The port the server printed, 0 while it has not; fails when the server exited. */
    private static int listeningPort(Process server, Path log) throws IOException {
        String out = Files.readString(log);
        Matcher m = LISTENING.matcher(out);
        if (m.find()) {
            return Integer.parseInt(m.group(1));
        }
        if (!server.isAlive()) {
            throw new AssertionError("bench-server exited with " + server.exitValue() + ":\n" + out);
        }
        return 0;
    }

    /** {@code bash bin/tickgate-bench ARGS}, never building (the package phase just did). */
    private static ProcessBuilder launcher(String... args) {
        List<String> cmd = new ArrayList<>(List.of("bash", Path.of("..", "bin", "tickgate-bench").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        // the JDK running this test, small heaps (two JVMs on a shared machine)
        pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        pb.environment().put("TICKGATE_SKIP_BUILD", "1");
        pb.environment().put("TICKGATE_JAVA_OPTS", "-XX:+UseSerialGC -Xmx256m");
        return pb;
    }
}
