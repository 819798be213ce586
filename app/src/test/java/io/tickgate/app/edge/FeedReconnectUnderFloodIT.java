package io.tickgate.app.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickgate.app.DemoProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The demo process under an idle-socket flood (15,000 sockets from six loopback addresses, held open by a long
 * handshake timeout): the per-IP limit refuses what is over it, {@code /health} answers, and when every upstream feed
 * socket is killed with {@code ss -K} the feed pools reconnect (the gateway's connection limit left them descriptors),
 * {@code /ready} recovers and a normal client gets data.
 */
class FeedReconnectUnderFloodIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ADDRESSES = 6;
    private static final int PER_ADDRESS = 2_500;
    private static final int PER_IP_LIMIT = 2_000;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    @Timeout(240)
    void feedPoolsReconnectAfterSsKillWhileFlooded() throws Exception {
        assumeTrue(ssWorks(), "ss -K (iproute2, CAP_NET_ADMIN) is not available");
        try (DemoProcess demo = DemoProcess.start("--set", "edge.handshakeTimeoutMillis=180000",
                "--set", "edge.maxConnectionsPerIp=" + PER_IP_LIMIT);
             Flood flood = new Flood()) {
            String base = demo.baseUrl();
            await().atMost(Duration.ofSeconds(60)).until(() -> status(base + "ready") == 200);
            JsonNode feeds = json(base + "api/v1/feeds");
            Set<Integer> upstreamPorts = new TreeSet<>();
            for (JsonNode c : feeds.path("connections")) {
                upstreamPorts.add(URI.create(c.path("url").asText()).getPort());
            }
            long reconnectsBefore = reconnects(feeds);
            assertThat(upstreamPorts).isNotEmpty();

            for (int a = 0; a < ADDRESSES; a++) {
                flood.open("127.0.0." + (10 + a), demo.port(), PER_ADDRESS);
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                    metric(base, "tickgate_gateway_edge_refusals_total{reason=\"ip_limit\"}")
                            == ADDRESSES * (PER_ADDRESS - PER_IP_LIMIT));
            assertThat(metric(base, "tickgate_gateway_edge_admitted")).isGreaterThanOrEqualTo(ADDRESSES * PER_IP_LIMIT);
            assertThat(status(base + "health")).isEqualTo(200);

            for (int port : upstreamPorts) { // kill every upstream feed socket of the demo
                Process ss = new ProcessBuilder("ss", "-K", "dst", "127.0.0.1", "dport", "=", ":" + port)
                        .redirectErrorStream(true).start();
                ss.getInputStream().readAllBytes();
                assertThat(ss.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                JsonNode now = json(base + "api/v1/feeds");
                assertThat(reconnects(now)).as("reconnects").isGreaterThan(reconnectsBefore);
                for (JsonNode c : now.path("connections")) {
                    assertThat(c.path("state").asText()).as(c.path("name").asText()).isEqualTo("up");
                }
                assertThat(status(base + "ready")).isEqualTo(200);
            });
            assertThat(demo.log()).doesNotContain("Too many open files");
            assertThat(dataArrives(demo.port(), json(base + "api/v1/topics"))).isTrue();
        }
    }

    private boolean dataArrives(int port, JsonNode topics) throws Exception {
        String topic = null;
        for (JsonNode t : topics) {
            if (t.path("topic").asText().endsWith(".trade")) {
                topic = t.path("topic").asText();
                break;
            }
        }
        assertThat(topic).as("a trade topic").isNotNull();
        AtomicInteger data = new AtomicInteger();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence text, boolean last) {
                        if (text.toString().contains("\"type\":\"data\"")) {
                            data.incrementAndGet();
                        }
                        w.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        try {
            ws.sendText("{\"type\":\"subscribe\",\"id\":\"1\",\"topic\":\"" + topic + "\"}", true)
                    .get(5, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> data.get() > 0);
            return true;
        } finally {
            ws.abort();
        }
    }

    private static long reconnects(JsonNode feeds) {
        long sum = 0;
        for (JsonNode c : feeds.path("connections")) {
            sum += c.path("reconnects").asLong();
        }
        return sum;
    }

    private int status(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private JsonNode json(String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private double metric(String base, String nameAndLabels) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "metrics"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        for (String line : r.body().split("\n")) {
            if (line.startsWith(nameAndLabels + " ")) {
                return Double.parseDouble(line.substring(nameAndLabels.length() + 1).trim());
            }
        }
        return 0;
    }

    private static boolean ssWorks() {
        try {
            Process p = new ProcessBuilder("ss", "-K", "dst", "127.0.0.1", "dport", "=", ":1")
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Idle sockets from chosen loopback addresses, closed at the end. */
    private static final class Flood implements AutoCloseable {
        private final List<SocketChannel> sockets = new ArrayList<>();

        void open(String from, int port, int count) throws IOException {
            for (int i = 0; i < count; i++) {
                SocketChannel ch = SocketChannel.open();
                ch.bind(new InetSocketAddress(from, 0));
                ch.connect(new InetSocketAddress("127.0.0.1", port));
                sockets.add(ch);
            }
        }

        @Override
        public void close() {
            for (SocketChannel ch : sockets) {
                try {
                    ch.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }
    }
}
