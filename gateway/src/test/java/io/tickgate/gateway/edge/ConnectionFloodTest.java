package io.tickgate.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.tickgate.bus.testing.LoopbackPorts;
import io.tickgate.gateway.admission.FileDescriptorLimit;
import io.tickgate.gateway.testsupport.ChildJvm;
import io.tickgate.gateway.testsupport.GatewayProcess;
import io.tickgate.gateway.testsupport.IdleSocketOpener;
import io.tickgate.gateway.testsupport.RawHttp;
import io.tickgate.gateway.testsupport.Scrape;
import io.tickgate.gateway.testsupport.TestWsClient;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 25,000 idle TCP sockets from five loopback source addresses against a gateway in a process of its own (one JVM
 * may open 20,000 files here: the gateway, and each socket opener, run in their own JVMs). The gateway keeps the
 * per-IP limit, answers {@code /health}, serves a normal client, then refuses past its global limit (derived from
 * its open-file limit) with 503 while its descriptors stay below that limit and the ops port keeps answering; the
 * handshake timeout finally closes every idle socket.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ConnectionFloodTest {

    private static final int PER_IP = 3_000;
    private static final long HANDSHAKE_TIMEOUT_MILLIS = 45_000; // below the pong timeout (60 s), which would close them too
    /** New sockets per second per opener: refused sockets linger up to 2 s, so this keeps them under the hard limit. */
    private static final int OPEN_RATE = 800;
    private static final List<String> CHILD_JVM = List.of("-Xmx1g", "-Xss512k");

    @Test
    void idleSocketFloodIsHeldToTheLimits() throws Exception {
        int opsPort = LoopbackPorts.freePort();
        try (ChildJvm gw = ChildJvm.start(GatewayProcess.class, CHILD_JVM, Integer.toString(PER_IP),
                Long.toString(HANDSHAKE_TIMEOUT_MILLIS), Integer.toString(opsPort))) {
            int port = Integer.parseInt(gw.awaitLine("PORT ", Duration.ofSeconds(60)).split(" ")[1]);
            String ops = "127.0.0.1";
            double fileLimit = Scrape.value(scrape(ops, opsPort), "tickgate_gateway_edge_max_file_descriptors");
            int limit = FileDescriptorLimit.defaultMaxConnections((long) fileLimit);
            assertThat(Scrape.value(scrape(ops, opsPort), "tickgate_gateway_edge_max_connections")).isEqualTo(limit);

            // 1. 25,000 idle sockets, 5,000 from each of 5 addresses: 3,000 per address admitted, 10,000 refused
            try (ChildJvm a = opener(port, "127.0.0.2:5000", "127.0.0.3:5000", "127.0.0.4:2500");
                 ChildJvm b = opener(port, "127.0.0.4:2500", "127.0.0.5:5000", "127.0.0.6:5000")) {
                assertThat(a.awaitLine("OPENED", Duration.ofSeconds(120))).isEqualTo("OPENED 12500 FAILED 0");
                assertThat(b.awaitLine("OPENED", Duration.ofSeconds(120))).isEqualTo("OPENED 12500 FAILED 0");
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    String m = scrape(ops, opsPort);
                    assertThat(Scrape.value(m, refusals("ip_limit"))).as(edgeLines(m)).isEqualTo(10_000);
                    assertThat(Scrape.value(m, "tickgate_gateway_edge_sockets")).isEqualTo(5 * PER_IP);
                    assertThat(Scrape.value(m, "tickgate_gateway_edge_admitted")).isEqualTo(5 * PER_IP);
                });
                assertThat(RawHttp.status(RawHttp.exchange("127.0.0.2", port, "GET", "/health")))
                        .as("an address at its limit").isEqualTo(429);
                assertThat(RawHttp.status(RawHttp.exchange("127.0.0.1", port, "GET", "/health"))).isEqualTo(200);
                assertNormalClientGetsData(port);

                // 2. past the global limit: 503 on the gateway port, the ops port still answers, files to spare
                int toLimit = limit - 5 * PER_IP;
                try (ChildJvm c = opener(port, "127.0.0.7:" + Math.min(PER_IP, toLimit),
                        "127.0.0.8:" + Math.max(0, toLimit - PER_IP), "127.0.0.9:1000")) {
                    c.awaitLine("OPENED", Duration.ofSeconds(120));
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                            Scrape.value(scrape(ops, opsPort), refusals("global_limit")) > 0);
                    assertThat(Scrape.value(scrape(ops, opsPort), "tickgate_gateway_edge_admitted")).isEqualTo(limit);
                    // answered once the refused sockets of the burst are gone (past the hard limit: closed unanswered)
                    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                            RawHttp.status(RawHttp.exchange("127.0.0.1", port, "GET", "/health"))).isEqualTo(503));
                    assertThat(RawHttp.status(RawHttp.exchange("127.0.0.1", opsPort, "GET", "/health")))
                            .isEqualTo(200);
                    assertThat(gw.openFiles()).as("descriptors of the gateway process")
                            .isLessThan((int) fileLimit - FileDescriptorLimit.MIN_RESERVE / 2);

                    // 3. the handshake timeout closes every idle socket; clients are served again
                    await().atMost(Duration.ofMillis(HANDSHAKE_TIMEOUT_MILLIS + 60_000))
                            .pollInterval(Duration.ofSeconds(1)).until(() ->
                                    Scrape.value(scrape(ops, opsPort), "tickgate_gateway_edge_sockets") == 0);
                    assertThat(Scrape.value(scrape(ops, opsPort), refusals("handshake_timeout")))
                            .isGreaterThanOrEqualTo(limit - 1);
                    assertNormalClientGetsData(port);
                }
            }
        }
    }

    private static void assertNormalClientGetsData(int port) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (TestWsClient c = TestWsClient.connect(group, URI.create("ws://127.0.0.1:" + port + "/ws"))) {
            assertThat(c.next().path("type").asText()).isEqualTo("welcome");
            c.send("{\"type\":\"subscribe\",\"id\":\"1\",\"topic\":\"sim.AAA.trade\"}");
            boolean data = false;
            for (int i = 0; i < 200 && !data; i++) {
                JsonNode m = c.next();
                data = "data".equals(m.path("type").asText());
            }
            assertThat(data).as("live data").isTrue();
        } finally {
            group.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    private static ChildJvm opener(int port, String... specs) throws IOException {
        String[] args = new String[specs.length + 3];
        args[0] = "127.0.0.1";
        args[1] = Integer.toString(port);
        args[2] = Integer.toString(OPEN_RATE);
        System.arraycopy(specs, 0, args, 3, specs.length);
        return ChildJvm.start(IdleSocketOpener.class, List.of("-Xmx256m"), args);
    }

    private static String edgeLines(String scrape) {
        StringBuilder b = new StringBuilder();
        for (String line : scrape.split("\n")) {
            if (line.startsWith("tickgate_gateway_edge") || line.startsWith("tickgate_gateway_connections")) {
                b.append(line).append('\n');
            }
        }
        return b.toString();
    }

    private static String refusals(String reason) {
        return "tickgate_gateway_edge_refusals_total{reason=\"" + reason + "\"}";
    }

    private static String scrape(String host, int port) {
        String r = RawHttp.exchange(host, port, "GET", "/metrics");
        assertThat(RawHttp.status(r)).as("GET /metrics on the ops port").isEqualTo(200);
        return r.substring(r.indexOf("\r\n\r\n") + 4);
    }
}
