package io.tickgate.simulator.venue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.tickgate.model.venue.Venue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** Shared pieces of the venue tests: a client event loop, the simulator under test, JSON and HTTP helpers. */
abstract class VenueTestSupport {

    static final ObjectMapper JSON = new ObjectMapper();
    static EventLoopGroup group;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    VenueSimulator sim;
    private final List<TestWsClient> clients = new ArrayList<>();

    @BeforeAll
    static void startGroup() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopGroup() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3000);
    }

    @AfterEach
    void stop() {
        clients.forEach(TestWsClient::close);
        if (sim != null) {
            sim.close();
        }
    }

    /** A test config: generous connection limits, modest rate. */
    static VenueSimulatorConfig.Builder config() {
        return VenueSimulatorConfig.builder().seed(42).eventsPerSecond(3000).symbolsPerSource(20)
                .venue(Venue.OKX, "connectAttempts", 1000).venue(Venue.OKX, "connectWindowMillis", 1000);
    }

    VenueSimulator start(VenueSimulatorConfig.Builder b) {
        sim = VenueSimulator.start(b.build());
        return sim;
    }

    TestWsClient binance(String path) throws Exception {
        TestWsClient c = TestWsClient.connect(group, sim.port(Venue.BINANCE), path);
        clients.add(c);
        return c;
    }

    TestWsClient okx(String path) throws Exception {
        TestWsClient c = TestWsClient.connect(group, sim.port(Venue.OKX), path);
        clients.add(c);
        return c;
    }

    static JsonNode json(String s) throws IOException {
        return JSON.readTree(s);
    }

    static HttpResponse<String> get(int port, String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(int port, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
