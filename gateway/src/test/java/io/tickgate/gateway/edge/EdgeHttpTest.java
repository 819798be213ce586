package io.tickgate.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickgate.bus.testing.LoopbackPorts;
import io.tickgate.gateway.admission.AdmissionConfig;
import io.tickgate.gateway.ops.OpsConfig;
import io.tickgate.gateway.testsupport.GatewayFixture;
import io.tickgate.gateway.testsupport.RawHttp;
import io.tickgate.gateway.testsupport.TestWsClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The network edge over real loopback sockets: origins, CORS, ops access, admission answers. */
@Timeout(60)
class EdgeHttpTest {

    private static final String GOOD = "https://app.example.com";
    private static final String TOKEN = "ops-token-0123456789abcdef";

    @Test
    void websocketOriginsAreCheckedAgainstTheAllowList() {
        try (GatewayFixture fx = GatewayFixture.start(b -> b.allowedOrigins(List.of(GOOD)))) {
            int port = fx.gateway.port();
            assertThat(RawHttp.upgrade(port, "Origin: https://evil.example")).startsWith("HTTP/1.1 403");
            assertThat(RawHttp.upgrade(port, "Origin: null")).startsWith("HTTP/1.1 403");
            assertThat(RawHttp.upgrade(port, "Origin: " + GOOD)).startsWith("HTTP/1.1 101");
            assertThat(RawHttp.upgrade(port, "Origin: http://127.0.0.1:" + port)).as("same origin")
                    .startsWith("HTTP/1.1 101");
            assertThat(RawHttp.upgrade(port)).as("no Origin: not a browser").startsWith("HTTP/1.1 101");
            assertThat(fx.metric("tickgate_gateway_edge_refusals_total{reason=\"origin\"}")).isEqualTo(2);
            TestWsClient c = fx.connectRaw("/ws", TestWsClient.options().header("Origin", GOOD));
            assertThat(c.next().path("type").asText()).isEqualTo("welcome");
        }
    }

    @Test
    void corsIsAnsweredForAllowedOriginsOnly() {
        try (GatewayFixture fx = GatewayFixture.start(b -> b.allowedOrigins(List.of(GOOD)))) {
            int port = fx.gateway.port();
            String ok = RawHttp.exchange("127.0.0.1", port, "OPTIONS", "/api/v1/topics", "Origin: " + GOOD,
                    "Access-Control-Request-Method: GET");
            assertThat(RawHttp.status(ok)).isEqualTo(204);
            assertThat(ok).contains("access-control-allow-origin: " + GOOD)
                    .contains("access-control-allow-methods: GET, OPTIONS");
            String evil = RawHttp.exchange("127.0.0.1", port, "OPTIONS", "/api/v1/topics",
                    "Origin: https://evil.example", "Access-Control-Request-Method: GET");
            assertThat(RawHttp.status(evil)).isEqualTo(403);
            assertThat(evil).doesNotContain("access-control-allow-origin");

            String get = RawHttp.exchange("127.0.0.1", port, "GET", "/api/v1/topics", "Origin: " + GOOD);
            assertThat(RawHttp.status(get)).isEqualTo(200);
            assertThat(get).contains("access-control-allow-origin: " + GOOD).contains("vary: origin");
            String evilGet = RawHttp.exchange("127.0.0.1", port, "GET", "/api/v1/topics",
                    "Origin: https://evil.example");
            assertThat(evilGet).doesNotContain("access-control-allow-origin");
        }
    }

    @Test
    void opsEndpointsOnTheMainPortNeedLoopbackOrTheToken() {
        // a trusted proxy on loopback forwards a remote client: the client address is the forwarded one
        try (GatewayFixture fx = GatewayFixture.start(b -> b
                .admission(AdmissionConfig.builder().trustedProxies(List.of("127.0.0.0/8")).build())
                .ops(new OpsConfig(0, "127.0.0.1", TOKEN)))) {
            int port = fx.gateway.port();
            assertThat(RawHttp.status(RawHttp.exchange("127.0.0.1", port, "GET", "/metrics"))).isEqualTo(200);
            String remote = "X-Forwarded-For: 203.0.113.7";
            assertThat(RawHttp.status(RawHttp.exchange("127.0.0.1", port, "GET", "/metrics", remote)))
                    .isEqualTo(403);
            assertThat(RawHttp.status(RawHttp.exchange("127.0.0.1", port, "GET", "/api/v1/feeds", remote,
                    "Authorization: Bearer wrong-token-0123456789"))).isEqualTo(401);
            assertThat(RawHttp.status(RawHttp.exchange("127.0.0.1", port, "GET", "/metrics", remote,
                    "Authorization: Bearer " + TOKEN))).isEqualTo(200);
            assertThat(RawHttp.status(RawHttp.exchange("127.0.0.1", port, "GET", "/health", remote)))
                    .as("not an ops endpoint").isEqualTo(200);
            assertThat(RawHttp.status(RawHttp.exchange("127.0.0.1", port, "GET", "/api/v1/topics", remote)))
                    .as("client data, not ops").isEqualTo(200);
            // the proxy reuses one upstream connection for a local and then a remote client: each request is its own
            assertThat(RawHttp.pipelined(port, List.of("/metrics", "/metrics", "/health"),
                    java.util.Arrays.asList("X-Forwarded-For: 127.0.0.1", remote, remote)))
                    .containsExactly(200, 403, 200);
        }
    }

    @Test
    void aRequestTheDecoderCannotReadIsAnswered400AndClosed() {
        try (GatewayFixture fx = GatewayFixture.start(b -> b)) {
            String r = RawHttp.exchange("127.0.0.1", fx.gateway.port(), "GET", "/health",
                    "X-Big: " + "x".repeat(20_000)); // past the 8 KiB header limit
            assertThat(RawHttp.status(r)).as(r).isEqualTo(400);
            assertThat(r).contains("malformed HTTP request").contains("connection: close");
        }
    }

    @Test
    void opsEndpointsOnTheirOwnPort() throws IOException {
        int opsPort = LoopbackPorts.freePort();
        try (GatewayFixture fx = GatewayFixture.start(b -> b.ops(new OpsConfig(opsPort, "127.0.0.1", TOKEN)))) {
            assertThat(fx.gateway.opsPort()).isEqualTo(opsPort);
            int port = fx.gateway.port();
            assertThat(RawHttp.status(RawHttp.exchange("127.0.0.1", port, "GET", "/metrics"))).isEqualTo(404);
            assertThat(RawHttp.status(RawHttp.exchange("127.0.0.1", opsPort, "GET", "/metrics"))).isEqualTo(401);
            String scrape = RawHttp.exchange("127.0.0.1", opsPort, "GET", "/metrics",
                    "Authorization: Bearer " + TOKEN);
            assertThat(RawHttp.status(scrape)).isEqualTo(200);
            assertThat(scrape).contains("tickgate_gateway_edge_max_connections");
            assertThat(RawHttp.status(RawHttp.exchange("127.0.0.1", opsPort, "GET", "/health"))).isEqualTo(200);
            assertThat(RawHttp.status(RawHttp.exchange("127.0.0.1", opsPort, "GET", "/ws"))).as("no WebSocket")
                    .isEqualTo(404);
        }
    }

    @Test
    void globalLimitAnswers503() throws IOException {
        try (GatewayFixture fx = GatewayFixture.start(b -> b.admission(AdmissionConfig.builder()
                .maxConnections(3).build()));
             Holder idle = new Holder()) {
            for (int i = 0; i < 3; i++) {
                idle.open(fx.gateway.port());
            }
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    fx.metric("tickgate_gateway_edge_admitted") == 3);
            String r = RawHttp.exchange("127.0.0.1", fx.gateway.port(), "GET", "/health");
            assertThat(RawHttp.status(r)).isEqualTo(503);
            assertThat(r).contains("retry-after: 5");
            assertThat(fx.metric("tickgate_gateway_edge_refusals_total{reason=\"global_limit\"}")).isEqualTo(1);
        }
    }

    @Test
    void perIpLimitAndRateAnswer429() throws IOException {
        try (GatewayFixture fx = GatewayFixture.start(b -> b.admission(AdmissionConfig.builder()
                .maxConnectionsPerIp(2).build()));
             Holder idle = new Holder()) {
            idle.open(fx.gateway.port(), "127.0.0.2");
            idle.open(fx.gateway.port(), "127.0.0.2");
            await().atMost(Duration.ofSeconds(5)).until(() -> fx.metric("tickgate_gateway_edge_admitted") == 2);
            assertThat(RawHttp.status(RawHttp.exchange("127.0.0.2", fx.gateway.port(), "GET", "/health")))
                    .isEqualTo(429);
            assertThat(RawHttp.status(RawHttp.exchange("127.0.0.3", fx.gateway.port(), "GET", "/health")))
                    .isEqualTo(200);
        }
        try (GatewayFixture fx = GatewayFixture.start(b -> b.admission(AdmissionConfig.builder()
                .connectRatePerIp(0.001, 2).build()))) {
            int port = fx.gateway.port();
            assertThat(RawHttp.status(RawHttp.exchange("127.0.0.4", port, "GET", "/health"))).isEqualTo(200);
            assertThat(RawHttp.status(RawHttp.exchange("127.0.0.4", port, "GET", "/health"))).isEqualTo(200);
            assertThat(RawHttp.status(RawHttp.exchange("127.0.0.4", port, "GET", "/health"))).isEqualTo(429);
            assertThat(fx.metric("tickgate_gateway_edge_refusals_total{reason=\"ip_rate\"}")).isEqualTo(1);
        }
    }

    @Test
    void aSilentSocketIsClosedByTheHandshakeTimeout() throws IOException {
        try (GatewayFixture fx = GatewayFixture.start(b -> b.admission(AdmissionConfig.builder()
                .handshakeTimeoutMillis(300).build()));
             Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", fx.gateway.port()), 5_000);
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            assertThat(in.read()).as("closed by the server, nothing sent").isEqualTo(-1);
            assertThat(fx.metric("tickgate_gateway_edge_refusals_total{reason=\"handshake_timeout\"}"))
                    .isEqualTo(1);
        }
    }

    /** Idle sockets closed at the end. */
    private static final class Holder implements AutoCloseable {
        private final List<Socket> sockets = new ArrayList<>();

        void open(int port) throws IOException {
            open(port, "127.0.0.1");
        }

        void open(int port, String from) throws IOException {
            Socket s = new Socket();
            s.bind(new InetSocketAddress(from, 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            sockets.add(s);
        }

        @Override
        public void close() throws IOException {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
