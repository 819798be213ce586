package io.tickgate.gateway.testsupport;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.tickgate.bus.api.Broker;
import io.tickgate.bus.local.InProcessBroker;
import io.tickgate.gateway.Gateway;
import io.tickgate.gateway.GatewayConfig;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A gateway on a random port fed by an {@link InProcessBroker} (or, {@link #onSharedBroker}, by any engine, e.g. a
 * node of several on one Redis), with a shared client event loop group.
 */
public final class GatewayFixture implements AutoCloseable {

    /** The in-process broker feeding the gateway; null on a shared engine ({@link #engine}). */
    public final InProcessBroker broker;
    /** The broker the gateway runs on (closed with the fixture). */
    public final Broker engine;
    public final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    public final Gateway gateway;
    public final EventLoopGroup clientGroup;
    private final List<TestWsClient> clients = new ArrayList<>();
    /** The last seq published per topic, as the broker handed it out (publishing into the hub is asynchronous). */
    private final Map<String, Long> published = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @param firehose true: track what the broker published, so {@link #connect} can wait for the hub */
    private GatewayFixture(Broker engine, boolean firehose, GatewayConfig config, int clientThreads) {
        this.engine = engine;
        this.broker = engine instanceof InProcessBroker b ? b : null;
        this.gateway = Gateway.start(config, engine, registry);
        if (firehose) {
            broker.subscribe(e -> {
                if (e.topic().inboxOwner() == null) { // /api/v1/topics does not list inboxes
                    published.merge(e.topic().toString(), e.seq(), Math::max);
                }
            });
        }
        this.clientGroup = new MultiThreadIoEventLoopGroup(clientThreads, NioIoHandler.newFactory());
    }

    /**
     * A gateway on {@code engine} (which the fixture closes), configured by {@code customize}. {@link #connect} does
     * not wait for the hub here: a node follows only the topics its clients use.
     */
    public static GatewayFixture onSharedBroker(Broker engine, UnaryOperator<GatewayConfig.Builder> customize) {
        return new GatewayFixture(engine, false,
                customize.apply(GatewayConfig.builder().host("127.0.0.1").port(0)).build(), 2);
    }

    public static GatewayFixture start() {
        return start(b -> b);
    }

    public static GatewayFixture start(UnaryOperator<GatewayConfig.Builder> customize) {
        return start(new InProcessBroker("ep1"), customize);
    }

    /** A gateway on {@code broker} (which may already have topics), configured by {@code customize}. */
    public static GatewayFixture start(InProcessBroker broker, UnaryOperator<GatewayConfig.Builder> customize) {
        return new GatewayFixture(broker, true,
                customize.apply(GatewayConfig.builder().host("127.0.0.1").port(0)).build(), 2);
    }

    public URI uri(String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + gateway.port() + pathAndQuery);
    }

    /** Connects to {@code /ws} and takes the welcome message. */
    public TestWsClient connect() {
        TestWsClient c = connectRaw("/ws", TestWsClient.options());
        JsonNode welcome = c.next();
        if (!"welcome".equals(welcome.path("type").asText())) {
            throw new AssertionError("expected welcome, got " + welcome);
        }
        return c;
    }

    /**
     * Connects without consuming anything, once the hub has taken in everything published so far (the hub applies
     * envelopes on its own threads, so a test that publishes and then subscribes would otherwise race it).
     */
    public TestWsClient connectRaw(String pathAndQuery, TestWsClient.Options options) {
        awaitHubCaughtUp();
        TestWsClient c = TestWsClient.connect(clientGroup, uri(pathAndQuery), options);
        synchronized (clients) {
            clients.add(c);
        }
        return c;
    }

    /** Waits (at most 10 s) until {@code GET /api/v1/topics} shows every topic at its last published seq. */
    public void awaitHubCaughtUp() {
        Map<String, Long> expected = Map.copyOf(published);
        if (expected.isEmpty()) {
            return;
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> {
            HttpResponse<String> r;
            try {
                r = get("/api/v1/topics");
            } catch (AssertionError gatewayGone) {
                return true; // stopped on purpose by the test: nothing to wait for
            }
            if (r.statusCode() != 200) {
                return true;
            }
            Map<String, Long> seen = new HashMap<>();
            for (JsonNode t : JSON.readTree(r.body())) {
                seen.put(t.path("topic").asText(), t.path("seq").asLong());
            }
            return expected.entrySet().stream().allMatch(x -> seen.getOrDefault(x.getKey(), 0L) >= x.getValue());
        });
    }

    /** GET over HTTP/1.1. */
    public HttpResponse<String> get(String path) {
        return request(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path)).GET());
    }

    public HttpResponse<String> request(HttpRequest.Builder builder) {
        return ApiCalls.send(builder);
    }

    /** The value of a meter in the Prometheus scrape, e.g. {@code tickgate_gateway_connections}; 0 when absent. */
    public double metric(String nameAndLabels) {
        for (String line : registry.scrape().split("\n")) {
            if (line.startsWith(nameAndLabels + " ")) {
                return Double.parseDouble(line.substring(nameAndLabels.length() + 1).trim());
            }
        }
        return 0;
    }

    @Override
    public void close() {
        synchronized (clients) {
            for (TestWsClient c : clients) {
                c.close();
            }
        }
        gateway.close();
        clientGroup.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        engine.close();
    }
}
