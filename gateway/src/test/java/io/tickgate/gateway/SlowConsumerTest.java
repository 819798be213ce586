package io.tickgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickgate.gateway.protocol.CloseCodes;
import io.tickgate.gateway.testsupport.Events;
import io.tickgate.gateway.testsupport.GatewayFixture;
import io.tickgate.gateway.testsupport.SlowRawClient;
import io.tickgate.gateway.testsupport.TestWsClient;
import io.tickgate.model.book.OrderBook;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.PriceLevel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Slow-consumer policy (conflation of state channels, 4008 for event channels), batching and compression. */
@Timeout(60)
class SlowConsumerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private GatewayFixture fx;

    @AfterEach
    void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void congestedClientGetsConflatedSnapshotsOfStateTopicsAndEndsWithTheExactState() throws Exception {
        fx = GatewayFixture.start(b -> b.writeBufferWaterMarks(4 * 1024, 8 * 1024).maxQueuedBytesPerConnection(1 << 20));
        OrderBook expected = new OrderBook("sim", "AAA");
        BookSnapshot first = Events.bookSnapshot("AAA", List.of("100:1"), List.of("101:1"), 1);
        expected.replace(first);
        fx.broker.publish(first);
        fx.broker.publish(Events.ticker("AAA", "1"));
        TestWsClient c = fx.connect();
        c.send("{\"type\":\"subscribe\",\"topics\":[\"sim.AAA.book\",\"sim.AAA.ticker\"]}");
        List<JsonNode> initial = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            initial.add(c.next());
        }
        c.channel().config().setAutoRead(false);
        long n = 0;
        long ingested = 0;
        while (fx.metric("tickgate_gateway_conflations_total{channel=\"book\"}") < 50
                || fx.metric("tickgate_gateway_conflations_total{channel=\"ticker\"}") < 50) {
            for (int i = 0; i < 500; i++) {
                n++;
                BookDelta d = Events.bookDelta("AAA", List.of((90 + n % 10) + ":" + n), List.of(), n + 1);
                expected.apply(d);
                fx.broker.publish(d);
                fx.broker.publish(Events.ticker("AAA", Long.toString(n)));
                ingested += 2;
            }
            assertThat(n).as("congestion reached before 1M updates").isLessThan(1_000_000);
        }
        String lastTicker = Long.toString(n);
        BookSnapshot want = expected.snapshot(400);
        c.channel().config().setAutoRead(true);

        Map<String, String> bids = new TreeMap<>();
        Map<String, String> asks = new TreeMap<>();
        long bookSeq = 0;
        long tickerSeq = 0;
        String ticker = null;
        int received = 0;
        int liveSnapshots = 0;
        while (bookSeq < n + 1 || !lastTicker.equals(ticker)) {
            JsonNode m = initial.isEmpty() ? c.next() : initial.remove(0);
            if (m.path("type").asText().equals("subscribed")) {
                continue;
            }
            received++;
            String topic = m.path("topic").asText();
            long seq = m.path("seq").asLong();
            boolean snapshot = m.path("type").asText().equals("snapshot");
            if (topic.equals("sim.AAA.book")) {
                if (snapshot) {
                    assertThat(seq).as("snapshots never go back").isGreaterThan(bookSeq);
                    bids.clear();
                    asks.clear();
                    liveSnapshots++;
                } else {
                    assertThat(seq).as("a delta follows its predecessor exactly").isEqualTo(bookSeq + 1);
                }
                apply(bids, m.path("data").path("bids"));
                apply(asks, m.path("data").path("asks"));
                bookSeq = seq;
            } else {
                assertThat(seq).isGreaterThan(tickerSeq);
                tickerSeq = seq;
                ticker = m.path("data").path("last").asText();
            }
        }
        assertThat(bids).isEqualTo(levels(want.bids()));
        assertThat(asks).isEqualTo(levels(want.asks()));
        assertThat(liveSnapshots).isPositive();
        assertThat(received).as("conflated: far fewer messages than published").isLessThan((int) ingested);
        assertThat(c.isOpen()).as("state-only consumers are not disconnected").isTrue();
        assertThat(fx.metric("tickgate_gateway_slow_consumer_disconnects_total")).isZero();
        System.out.printf("conflation: published %d updates, client received %d messages%n", ingested, received);
    }

    private static void apply(Map<String, String> side, JsonNode levels) {
        for (JsonNode l : levels) {
            if (l.get(1).asText().equals("0")) {
                side.remove(l.get(0).asText());
            } else {
                side.put(l.get(0).asText(), l.get(1).asText());
            }
        }
    }

    private static Map<String, String> levels(List<PriceLevel> levels) {
        Map<String, String> out = new TreeMap<>();
        for (PriceLevel l : levels) {
            out.put(l.price().toString(), l.size().toString());
        }
        return out;
    }

    @Test
    void slowTradeReaderIsClosedWith4008AndDropsAreCounted() throws Exception {
        fx = GatewayFixture.start(b -> b.writeBufferWaterMarks(4 * 1024, 8 * 1024)
                .maxQueuedBytesPerConnection(64 * 1024));
        fx.broker.publish(Events.trade("AAA", 0));
        try (SlowRawClient slow = new SlowRawClient(fx.gateway.port(), "/ws", 4096, 100)) {
            slow.readNow(1);
            slow.send("{\"type\":\"subscribe\",\"topic\":\"sim.AAA.trade\"}");
            slow.readNow(2);
            slow.startSlowReading();
            long id = 1;
            while (fx.metric("tickgate_gateway_slow_consumer_disconnects_total") < 1) {
                // ~10,000/s: the event loop keeps up, so the budget fills only because the reader is slow
                for (int i = 0; i < 50; i++) {
                    fx.broker.publish(Events.trade("AAA", id++));
                }
                Thread.sleep(5);
                assertThat(id).isLessThan(500_000);
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> fx.metric("tickgate_gateway_outbound_dropped_total") > 0);
            assertThat(fx.metric("tickgate_gateway_closes_total{code=\"4008\"}")).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> fx.metric("tickgate_gateway_outbound_queued_bytes") == 0);
        }
    }

    @Test
    void batchingClientGetsJsonArraysHoldingEveryMessageInOrder() {
        fx = GatewayFixture.start(b -> b.writeBufferWaterMarks(4 * 1024, 8 * 1024).maxBatch(50, 8 * 1024));
        fx.broker.publish(Events.trade("AAA", 0));
        TestWsClient c = fx.connectRaw("/ws?batch=1", TestWsClient.options());
        assertThat(c.next().path("type").asText()).isEqualTo("welcome");
        c.send("{\"type\":\"subscribe\",\"topic\":\"sim.AAA.trade\"}");
        List<JsonNode> all = new ArrayList<>();
        while (all.size() < 2) {
            all.addAll(messages(c.nextText(TestWsClient.DEFAULT_WAIT)));
        }
        c.channel().config().setAutoRead(false);
        int total = 3_000;
        for (int i = 1; i <= total; i++) {
            fx.broker.publish(Events.trade("AAA", i));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> fx.metric("tickgate_gateway_outbound_queued_bytes") > 0
                || fx.metric("tickgate_gateway_hub_queue_depth") == 0 && fx.metric("tickgate_gateway_batches_total") > 0);
        c.channel().config().setAutoRead(true);
        int frames = 0;
        int largest = 0;
        while (all.size() < total + 2) {
            String text = c.nextText(TestWsClient.DEFAULT_WAIT);
            assertThat(text.length()).as("within the batch byte limit").isLessThanOrEqualTo(8 * 1024);
            List<JsonNode> batch = messages(text);
            largest = Math.max(largest, batch.size());
            all.addAll(batch);
            frames++;
        }
        for (int i = 1; i <= total; i++) {
            assertThat(all.get(i + 1).path("seq").asLong()).isEqualTo(i + 1);
        }
        assertThat(largest).isBetween(2, 50);
        assertThat(frames).isLessThan(total);
        assertThat(fx.metric("tickgate_gateway_batches_total")).isPositive();
    }

    private static List<JsonNode> messages(String text) {
        try {
            JsonNode n = MAPPER.readTree(text);
            List<JsonNode> out = new ArrayList<>();
            if (n.isArray()) {
                n.forEach(out::add);
            } else {
                out.add(n);
            }
            return out;
        } catch (Exception e) {
            throw new AssertionError("invalid JSON: " + text, e);
        }
    }

    @Test
    void permessageDeflateIsNegotiatedWhenOfferedAndBothKindsOfClientGetTheSameMessages() {
        fx = GatewayFixture.start();
        fx.broker.publish(Events.ticker("AAA", "1"));
        TestWsClient zipped = fx.connectRaw("/ws", TestWsClient.options().compression(true));
        TestWsClient plain = fx.connectRaw("/ws", TestWsClient.options());
        assertThat(zipped.negotiatedExtensions()).contains("permessage-deflate");
        assertThat(plain.negotiatedExtensions()).isNull();
        for (TestWsClient c : List.of(zipped, plain)) {
            c.next();
            c.send("{\"type\":\"subscribe\",\"topic\":\"sim.AAA.ticker\"}");
            c.next();
            c.next();
        }
        for (int i = 2; i < 50; i++) {
            fx.broker.publish(Events.ticker("AAA", Integer.toString(i)));
        }
        for (int i = 2; i < 50; i++) {
            String a = zipped.nextText(TestWsClient.DEFAULT_WAIT);
            String b = plain.nextText(TestWsClient.DEFAULT_WAIT);
            assertThat(a).isEqualTo(b).contains("\"last\":\"" + i + "\"");
        }
        zipped.send("{\"type\":\"heartbeat\",\"id\":\"compressed inbound works too\"}");
        assertThat(zipped.next().path("type").asText()).isEqualTo("heartbeat");
    }

    @Test
    void compressionCanBeTurnedOff() {
        fx = GatewayFixture.start(b -> b.compression(false));
        TestWsClient c = fx.connectRaw("/ws", TestWsClient.options().compression(true));
        assertThat(c.negotiatedExtensions()).isNull();
        assertThat(c.next().path("type").asText()).isEqualTo("welcome");
    }

    @Test
    void disconnectDropsTheConnectionWithThatId() {
        fx = GatewayFixture.start();
        TestWsClient c = fx.connectRaw("/ws", TestWsClient.options());
        String id = c.next().path("connectionId").asText();
        assertThat(fx.gateway.disconnect("nope")).isFalse();
        assertThat(fx.gateway.disconnect(id)).isTrue();
        assertThat(c.awaitClose().code()).as("no close frame: a cut connection").isEqualTo(-1);
        assertThat(CloseCodes.SLOW_CONSUMER).isEqualTo(4008);
    }
}
