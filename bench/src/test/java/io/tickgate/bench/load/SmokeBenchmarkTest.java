package io.tickgate.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickgate.bench.plot.BenchPlot;
import io.tickgate.bench.server.BenchServer;
import io.tickgate.bench.source.SyntheticSource;
import io.tickgate.gateway.bootstrap.Transport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole tool in-process on 127.0.0.1: bench server (real gateway + synthetic source) and load generator with a
 * few hundred connections for a few seconds. Checks that it works and the numbers are sane, never how fast.
 */
@Timeout(120)
class SmokeBenchmarkTest {

    private static final int CONNECTIONS = 200;
    private static final int TOPICS = 20;

    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(progress, true, StandardCharsets.UTF_8);

    private static LoadConfig config(int port, int connections, List<String> topics, boolean memory) {
        return new LoadConfig("127.0.0.1", port, "/ws", List.of(), connections, topics, 100, 2,
                Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(30),
                memory);
    }

    @Test
    void measuresAgainstTheBenchServer(@TempDir Path dir) throws Exception {
        LoadReport report;
        try (BenchServer server = BenchServer.start(new BenchServer.Settings("127.0.0.1", 0, TOPICS, 200, 0, 0))) {
            report = new LoadGenerator(config(server.port(), CONNECTIONS, List.of(SyntheticSource.ALL_TOPICS), true),
                    log).run();
        }
        LoadReport.Connections c = report.connections();
        assertThat(c.established()).as(progress.toString()).isEqualTo(CONNECTIONS);
        assertThat(c.connectFailures() + c.handshakeFailures()).isZero();
        assertThat(c.subscribedConnections()).isEqualTo(CONNECTIONS);
        assertThat(c.subscriptions()).isEqualTo((long) CONNECTIONS * TOPICS);
        assertThat(c.snapshots()).isEqualTo((long) CONNECTIONS * TOPICS);
        assertThat(c.connectsPerSecond()).isPositive();
        assertThat(report.errors()).isEmpty();

        // 200 events/s over 20 topics, every connection on every topic: 40,000 messages/s expected
        assertThat(report.delivery().expectedMessagesPerSecond()).isEqualTo(40_000.0);
        assertThat(report.delivery().messages()).isPositive();
        assertThat(report.delivery().bytesPerSecond()).isGreaterThan(report.delivery().messagesPerSecond());

        LoadReport.Latency l = report.latency();
        assertThat(l.source()).isEqualTo("stamp");
        assertThat(l.count()).isPositive();
        assertThat(l.p50()).isLessThanOrEqualTo(l.p90());
        assertThat(l.p90()).isLessThanOrEqualTo(l.p99());
        assertThat(l.p99()).isLessThanOrEqualTo(l.p999());
        assertThat(l.p999()).isLessThanOrEqualTo(l.max());
        assertThat(l.max()).isLessThan(Duration.ofMinutes(1).toNanos() / 1_000);
        assertThat(report.latencyFromTs().count()).isPositive();

        assertThat(report.server()).isNotNull();
        assertThat(report.server().topics()).isEqualTo(TOPICS);
        assertThat(report.server().publishedPerSecond()).isPositive();
        assertThat(report.memory()).isNotNull();
        assertThat(report.memory().connections()).isEqualTo(CONNECTIONS);
        assertThat(report.memory().heapAfterBytes()).isPositive();
        assertThat(report.memory().rssAfterBytes()).isPositive();

        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertThat(json.path("connections").path("established").asInt()).isEqualTo(CONNECTIONS);
        assertThat(json.path("latency").path("p99").asLong()).isEqualTo(l.p99());
        assertThat(json.path("setup").path("loadAverage")).hasSize(2);
        assertThat(report.toTable()).contains("200 / 200 established").contains("latency (stamp)");

        Path jsonl = dir.resolve("runs.jsonl");
        Files.writeString(jsonl, report.toJson() + "\n");
        Path png = dir.resolve("plot.png");
        assertThat(BenchPlot.plot(List.of(jsonl), png)).isEqualTo(1);
        byte[] head = Files.readAllBytes(png);
        assertThat(head).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    }

    /** The side-by-side workload: one topic per connection, subscribe on open, ts latency, the server's CPU. */
    @Test
    void spreadsConnectionsOverTopicsAndReadsTheServersCpu() throws Exception {
        LoadReport report;
        List<String> topics = SyntheticSource.topics(TOPICS, "SYM%d").stream().map(Object::toString).toList();
        assertThat(topics).startsWith("bench.SYM0.trade", "bench.SYM1.trade");
        try (BenchServer server = BenchServer.start(new BenchServer.Settings("127.0.0.1", 0, TOPICS, 200, 0, 0,
                "SYM%d", 10, Transport.IO_URING))) {
            LoadConfig cfg = new LoadConfig("127.0.0.1", server.port(), "/ws", List.of(), CONNECTIONS, topics, 100,
                    2, Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(30),
                    false, true, true, false, ProcessHandle.current().pid());
            report = new LoadGenerator(cfg, log).run();
        }
        LoadReport.Connections c = report.connections();
        assertThat(c.established()).as(progress.toString()).isEqualTo(CONNECTIONS);
        assertThat(c.subscribedConnections()).isEqualTo(CONNECTIONS);
        assertThat(c.subscriptions()).isEqualTo(CONNECTIONS); // one topic each
        assertThat(report.errors()).isEmpty();
        // 200 events/s over 20 topics, 10 connections on each: 2,000 messages/s
        assertThat(report.delivery().expectedMessagesPerSecond()).isEqualTo(2_000.0);
        assertThat(report.delivery().messages()).isPositive();
        assertThat(report.latency().source()).isEqualTo("ts");
        assertThat(report.latency().count()).isPositive();
        LoadReport.ServerCpu cpu = report.serverCpu();
        assertThat(cpu).isNotNull();
        assertThat(cpu.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(cpu.cpuSeconds()).isPositive();
        assertThat(cpu.cpuSecondsPerMillionMessages()).isPositive();
        assertThat(report.toTable()).contains("server CPU");
        assertThat(new ObjectMapper().readTree(report.toJson()).path("serverCpu").path("cpuSeconds").asDouble())
                .isEqualTo(cpu.cpuSeconds());
    }

    @Test
    void reportsFailedConnectsWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        LoadReport report = new LoadGenerator(config(port, 20, List.of(SyntheticSource.ALL_TOPICS), true), log)
                .run();
        assertThat(report.connections().established()).isZero();
        assertThat(report.connections().connectFailures()).isEqualTo(20);
        assertThat(report.errorSamples()).isNotEmpty();
        assertThat(report.memory()).isNull();
        assertThat(report.server()).isNull();
        assertThat(report.serverCpu()).isNull();
        assertThat(report.delivery().messages()).isZero();
    }

    @Test
    void countsServerErrorsForAnUnknownTopic() throws Exception {
        try (BenchServer server = BenchServer.start(new BenchServer.Settings("127.0.0.1", 0, 2, 0, 0, 0))) {
            LoadConfig cfg = new LoadConfig("127.0.0.1", server.port(), "/ws", List.of(), 5,
                    List.of("nosuch.X.trade"), 10, 1, Duration.ZERO, Duration.ofMillis(200),
                    Duration.ofSeconds(10), Duration.ofSeconds(3), false);
            LoadReport report = new LoadGenerator(cfg, log).run();
            assertThat(report.connections().established()).isEqualTo(5);
            assertThat(report.connections().subscribedConnections()).isZero();
            assertThat(report.errors()).containsEntry("UNKNOWN_TOPIC", 5L);
        }
    }

    @Test
    void rejectsBadConfiguration() {
        assertThatThrownBy(() -> config(8080, 0, List.of("a.B.trade"), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connections");
        assertThatThrownBy(() -> config(0, 1, List.of("a.B.trade"), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> config(8080, 1, List.of(), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topic");
        assertThatThrownBy(() -> SyntheticSource.topics(3, "SYM")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("repeats");
        assertThatThrownBy(() -> SyntheticSource.topics(3, "S.%d")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchServer.start(new BenchServer.Settings("127.0.0.1", 0, 0, 1, 0, 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
