package io.tickgate.simulator.venue;

import io.tickgate.model.venue.Venue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickgate.model.book.OrderBook;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.PriceLevel;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BinanceVenueTest extends VenueTestSupport {

    private static final String DECIMAL = "\\d+\\.\\d+";

    @Test
    void rawTradeStreamHasBinanceShape() throws Exception {
        start(config());
        var c = binance("/ws/btcusdt@trade");
        assertThat(c.handshakeStatus()).isEqualTo(101);
        JsonNode t = json(c.next(10_000));
        assertThat(t.get("e").asText()).isEqualTo("trade");
        assertThat(t.get("s").asText()).isEqualTo("BTCUSDT");
        assertThat(t.get("t").isIntegralNumber()).isTrue();
        assertThat(t.get("p").isTextual()).isTrue();
        assertThat(t.get("p").asText()).matches("\\d{5}\\.\\d{2}");
        assertThat(t.get("q").asText()).matches("\\d+\\.\\d{5}");
        assertThat(t.get("T").isIntegralNumber()).isTrue();
        assertThat(t.get("E").isIntegralNumber()).isTrue();
        assertThat(t.get("m").isBoolean()).isTrue();
        assertThat(t.get("M").asBoolean()).isTrue();
        long previous = t.get("t").asLong();
        for (int i = 0; i < 3; i++) {
            long id = json(c.next(10_000)).get("t").asLong();
            assertThat(id).isGreaterThan(previous);
            previous = id;
        }
    }

    @Test
    void combinedStreamWrapsEveryStreamKind() throws Exception {
        start(config());
        List<String> wanted = List.of("btcusdt@trade", "btcusdt@aggTrade", "btcusdt@kline_1s", "btcusdt@kline_1m",
                "btcusdt@depth5@100ms", "btcusdt@depth20", "btcusdt@depth@100ms", "btcusdt@depth",
                "btcusdt@bookTicker", "ethusdt@bookTicker", "btcusdt@ticker");
        var c = binance("/stream?streams=" + String.join("/", wanted));
        Map<String, JsonNode> seen = new HashMap<>();
        long deadline = System.currentTimeMillis() + 20_000;
        while (seen.size() < wanted.size()) {
            assertThat(System.currentTimeMillis()).as("missing %s", wanted.stream()
                    .filter(w -> !seen.containsKey(w)).toList()).isLessThan(deadline);
            JsonNode m = json(c.next(15_000));
            assertThat(m.has("stream") && m.has("data")).as(m.toString()).isTrue();
            seen.putIfAbsent(m.get("stream").asText(), m.get("data"));
        }
        JsonNode agg = seen.get("btcusdt@aggTrade");
        assertThat(agg.get("e").asText()).isEqualTo("aggTrade");
        assertThat(agg.get("a").asLong()).isEqualTo(agg.get("f").asLong()).isEqualTo(agg.get("l").asLong());
        JsonNode k = seen.get("btcusdt@kline_1s").get("k");
        assertThat(seen.get("btcusdt@kline_1s").get("e").asText()).isEqualTo("kline");
        assertThat(k.get("i").asText()).isEqualTo("1s");
        assertThat(k.get("T").asLong() - k.get("t").asLong()).isEqualTo(999);
        for (String f : List.of("o", "h", "l", "c", "v", "q", "V", "Q")) {
            assertThat(k.get(f).asText()).as(f).matches("\\d+(\\.\\d+)?");
        }
        assertThat(k.get("x").isBoolean()).isTrue();
        assertThat(k.get("n").asLong()).isPositive();
        assertThat(k.get("L").asLong() - k.get("f").asLong() + 1).isEqualTo(k.get("n").asLong());
        assertThat(seen.get("btcusdt@kline_1m").get("k").get("i").asText()).isEqualTo("1m");
        JsonNode d5 = seen.get("btcusdt@depth5@100ms");
        assertThat(d5.get("lastUpdateId").isIntegralNumber()).isTrue();
        assertThat(d5.get("bids")).hasSize(5);
        assertThat(d5.get("asks")).hasSize(5);
        assertThat(d5.get("bids").get(0).get(0).asText()).matches(DECIMAL);
        assertThat(seen.get("btcusdt@depth20").get("asks")).hasSize(20);
        JsonNode diff = seen.get("btcusdt@depth@100ms");
        assertThat(diff.get("e").asText()).isEqualTo("depthUpdate");
        assertThat(diff.get("u").asLong()).isGreaterThanOrEqualTo(diff.get("U").asLong());
        assertThat(diff.has("pu")).isFalse();
        assertThat(diff.get("b").isArray() && diff.get("a").isArray()).isTrue();
        JsonNode tk = seen.get("btcusdt@ticker");
        assertThat(tk.get("e").asText()).isEqualTo("24hrTicker");
        for (String f : List.of("c", "o", "h", "l", "v", "q", "b", "a", "w")) {
            assertThat(tk.get(f).asText()).as(f).matches("\\d+(\\.\\d+)?");
        }
        assertThat(new java.math.BigDecimal(tk.get("p").asText())).isEqualByComparingTo(
                new java.math.BigDecimal(tk.get("c").asText()).subtract(new java.math.BigDecimal(tk.get("o").asText())));
        assertThat(tk.get("C").asLong() - tk.get("O").asLong()).isEqualTo(86_400_000L);
        JsonNode bt = seen.get("ethusdt@bookTicker");
        assertThat(bt.get("s").asText()).isEqualTo("ETHUSDT");
        assertThat(bt.get("u").isIntegralNumber()).isTrue();
        assertThat(bt.get("b").asText()).matches(DECIMAL);
        assertThat(bt.get("B").asText()).matches(DECIMAL);
        assertThat(bt.get("a").asText()).matches(DECIMAL);
        assertThat(new java.math.BigDecimal(bt.get("b").asText()))
                .isLessThan(new java.math.BigDecimal(bt.get("a").asText()));
    }

    @Test
    void liveControlMessagesAnswerLikeBinance() throws Exception {
        start(config().venue(Venue.BINANCE, "maxIncomingMessagesPerSecond", 100));
        var c = binance("/ws");
        c.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@trade\",\"ethusdt@depth\"],\"id\":1}");
        assertThat(json(c.nextContaining("\"id\":1", 5000)).toString()).isEqualTo("{\"result\":null,\"id\":1}");
        c.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":\"two\"}");
        JsonNode list = json(c.nextContaining("\"id\":\"two\"", 5000));
        assertThat(list.get("result")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("btcusdt@trade", "ethusdt@depth");
        c.nextContaining("\"e\":\"trade\"", 10_000);
        c.nextContaining("\"e\":\"depthUpdate\"", 10_000);
        c.send("{\"method\":\"UNSUBSCRIBE\",\"params\":[\"btcusdt@trade\"],\"id\":3}");
        c.nextContaining("\"id\":3", 5000);
        c.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":4}");
        assertThat(json(c.nextContaining("\"id\":4", 5000)).get("result")).extracting(JsonNode::asText)
                .containsExactly("ethusdt@depth");
        c.send("{\"method\":\"GET_PROPERTY\",\"params\":[\"combined\"],\"id\":5}");
        assertThat(json(c.nextContaining("\"id\":5", 5000)).get("result").asBoolean()).isFalse();

        c.send("{not json");
        JsonNode e = json(c.nextContaining("\"error\"", 5000));
        assertThat(e.get("error").get("code").asInt()).isEqualTo(3);
        assertThat(e.get("id").isNull()).isTrue();
        c.send("{\"method\":\"FOO\",\"id\":6}");
        e = json(c.nextContaining("\"id\":6", 5000));
        assertThat(e.get("error").get("code").asInt()).isEqualTo(2);
        assertThat(e.get("error").get("msg").asText()).contains("FOO");
        c.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"nosuch@trade\"],\"id\":7}");
        assertThat(json(c.nextContaining("\"id\":7", 5000)).get("error").get("code").asInt()).isEqualTo(2);
        c.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"BTCUSDT@trade\"],\"id\":8}");
        assertThat(json(c.nextContaining("\"id\":8", 5000)).get("error").get("code").asInt()).isEqualTo(2);
        c.send("{\"method\":\"SUBSCRIBE\",\"params\":\"btcusdt@trade\",\"id\":9}");
        assertThat(json(c.nextContaining("\"id\":9", 5000)).get("error").get("code").asInt()).isEqualTo(2);
        c.send("{\"method\":\"SUBSCRIBE\",\"params\":[],\"id\":-1}");
        assertThat(json(c.nextContaining("\"error\"", 5000)).get("error").get("code").asInt()).isEqualTo(1);
        c.send("[1,2]");
        assertThat(json(c.nextContaining("\"error\"", 5000)).get("error").get("code").asInt()).isEqualTo(2);
        assertThat(c.isOpen()).isTrue();
    }

    @Test
    void moreThanFiveMessagesPerSecondCloseWith1008() throws Exception {
        start(config());
        var c = binance("/ws");
        for (int i = 0; i < 12; i++) {
            c.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":" + i + "}");
        }
        assertThat(c.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
    }

    @Test
    void streamLimitPerConnectionIsEnforced() throws Exception {
        start(config().venue(Venue.BINANCE, "maxStreamsPerConnection", 3)
                .venue(Venue.BINANCE, "maxIncomingMessagesPerSecond", 100));
        var c = binance("/ws/btcusdt@trade/ethusdt@trade");
        c.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@depth\"],\"id\":1}");
        assertThat(json(c.nextContaining("\"id\":1", 5000)).get("result").isNull()).isTrue();
        c.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"ethusdt@depth\"],\"id\":2}");
        JsonNode e = json(c.nextContaining("\"id\":2", 5000));
        assertThat(e.get("error").get("msg").asText()).contains("too many streams");
        var tooMany = binance("/stream?streams=btcusdt@trade/ethusdt@trade/btcusdt@depth/ethusdt@depth");
        assertThat(tooMany.handshakeStatus()).isEqualTo(400);
        var bad = binance("/ws/btcusdt@nonsense");
        assertThat(bad.handshakeStatus()).isEqualTo(400);
        var wrongPath = binance("/nope");
        assertThat(wrongPath.handshakeStatus()).isEqualTo(404);
    }

    @Test
    void subscribingPastTheStreamLimitClosesTheConnectionWithoutSubscribing() throws Exception {
        // Binance closes a socket that asks for more than 1,024 streams; the simulator answers the request first
        start(config().venue(Venue.BINANCE, "maxStreamsPerConnection", 3)
                .venue(Venue.BINANCE, "maxIncomingMessagesPerSecond", 100));
        var c = binance("/ws/btcusdt@trade/ethusdt@trade");
        c.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@depth\"],\"id\":1}");
        assertThat(json(c.nextContaining("\"id\":1", 5000)).get("result").isNull()).isTrue();
        assertThat(sim.controls(Venue.BINANCE).maxStreamsPerConnectionSeen())
                .isEqualTo(3);
        c.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"ethusdt@depth\",\"btcusdt@aggTrade\"],\"id\":2}");
        assertThat(json(c.nextContaining("\"id\":2", 5000)).get("error").get("code").asInt()).isEqualTo(2);
        assertThat(c.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
        ServerControls controls = sim.controls(Venue.BINANCE);
        assertThat(controls.streamLimitCloses()).isEqualTo(1);
        assertThat(controls.maxStreamsPerConnectionSeen()).as("nothing of the refused request was added").isEqualTo(3);
    }

    @Test
    void restLimitAnswers429ThenBans418AClientThatKeepsGoing() throws Exception {
        start(config());
        ServerControls controls = sim.controls(Venue.BINANCE);
        assertThat(post(sim.port(Venue.BINANCE), "/admin/fault",
                "{\"type\":\"restLimit\",\"status\":429,\"millis\":3000,\"banMillis\":4000}").statusCode())
                .isEqualTo(200);
        HttpResponse<String> r = get(sim.port(Venue.BINANCE), "/api/v3/depth?symbol=BTCUSDT");
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(json(r.body()).get("code").asInt()).isEqualTo(-1003);
        assertThat(r.headers().firstValueAsLong("Retry-After").orElse(-1)).isBetween(1L, 3L);
        Thread.sleep(1100); // still limited, and past the grace for requests already on their way: banned
        r = get(sim.port(Venue.BINANCE), "/api/v3/depth?symbol=BTCUSDT");
        assertThat(r.statusCode()).isEqualTo(418);
        assertThat(json(r.body()).get("msg").asText()).contains("IP banned until");
        assertThat(r.headers().firstValueAsLong("Retry-After").orElse(-1)).isEqualTo(4L);
        assertThat(controls.restRequests()).extracting(ServerControls.RestRequest::status).containsExactly(429, 418);

        post(sim.port(Venue.BINANCE), "/admin/fault", "{\"type\":\"restLimit\",\"status\":418,\"millis\":1200}");
        assertThat(get(sim.port(Venue.BINANCE), "/api/v3/depth?symbol=ETHUSDT").statusCode()).isEqualTo(418);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300))
                .until(() -> get(sim.port(Venue.BINANCE), "/api/v3/depth?symbol=ETHUSDT").statusCode() == 200);
        assertThat(post(sim.port(Venue.BINANCE), "/admin/fault", "{\"type\":\"restLimit\",\"status\":500,"
                + "\"millis\":100}").statusCode()).isEqualTo(400);
    }

    @Test
    void tooManyConnectionAttemptsGet429WithRetryAfter() throws Exception {
        start(config().venue(Venue.BINANCE, "connectAttempts", 2)
                .venue(Venue.BINANCE, "connectWindowMillis", 60_000));
        assertThat(binance("/ws").handshakeStatus()).isEqualTo(101);
        assertThat(binance("/ws").handshakeStatus()).isEqualTo(101);
        var third = binance("/ws");
        assertThat(third.handshakeStatus()).isEqualTo(429);
        assertThat(Long.parseLong(third.handshake.join().headers().get("Retry-After"))).isBetween(1L, 60L);
    }

    @Test
    void exhaustConnectAttemptsFillsTheWindowNowAndFreesAllOfItOnceTheWindowHasPassed() throws Exception {
        start(config().venue(Venue.BINANCE, "connectAttempts", 3)
                .venue(Venue.BINANCE, "connectWindowMillis", 2_000));
        ServerControls controls = sim.controls(Venue.BINANCE);
        assertThat(binance("/ws").handshakeStatus()).isEqualTo(101);
        assertThat(post(sim.port(Venue.BINANCE), "/admin/fault", "{\"type\":\"exhaustConnectAttempts\"}")
                .statusCode()).isEqualTo(200);
        long exhaustedBy = System.currentTimeMillis();
        var refused = binance("/ws");
        assertThat(refused.handshakeStatus()).isEqualTo(429);
        assertThat(Long.parseLong(refused.handshake.join().headers().get("Retry-After"))).isBetween(1L, 2L);
        assertThat(controls.connectAttemptsOverLimit()).as("the venue's own limit, not an injected 429").isOne();
        // the whole budget comes back at once: three attempts in a row are accepted
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> System.currentTimeMillis() > exhaustedBy + 2_000);
        for (int i = 0; i < 3; i++) {
            assertThat(binance("/ws").handshakeStatus()).isEqualTo(101);
        }
        assertThat(binance("/ws").handshakeStatus()).isEqualTo(429);
        assertThat(controls.connectAttemptsOverLimit()).isEqualTo(2);
    }

    @Test
    void serverPingsAndClosesAConnectionThatDoesNotPong() throws Exception {
        start(config().venue(Venue.BINANCE, "pingIntervalMillis", 200)
                .venue(Venue.BINANCE, "pongTimeoutMillis", 1500)
                .venue(Venue.BINANCE, "maxIncomingMessagesPerSecond", 50));
        var ponging = binance("/ws");
        var silent = binance("/ws");
        silent.autoPong.set(false);
        assertThat(silent.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
        assertThat(silent.pings.get()).isGreaterThanOrEqualTo(2);
        assertThat(ponging.isOpen()).isTrue();
        assertThat(ponging.pings.get()).isGreaterThanOrEqualTo(2);
        ponging.sendPing("hello");
        ponging.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":1}");
        ponging.nextContaining("\"id\":1", 5000);
        assertThat(ponging.isOpen()).isTrue();
    }

    @Test
    void connectionLifetimeIsAnnouncedWithServerShutdownThenClosed() throws Exception {
        start(config().venue(Venue.BINANCE, "connectionLifetimeMillis", 1500)
                .venue(Venue.BINANCE, "shutdownNoticeMillis", 600));
        var c = binance("/ws");
        JsonNode notice = json(c.nextContaining("serverShutdown", 10_000));
        assertThat(notice.get("e").asText()).isEqualTo("serverShutdown");
        assertThat(notice.get("E").isIntegralNumber()).isTrue();
        assertThat(c.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
    }

    @Test
    void restDepthSnapshotIsConsistentWithTheDiffStream() throws Exception {
        start(config());
        var c = binance("/ws/btcusdt@depth@100ms");
        JsonNode first = json(c.next(10_000));
        HttpResponse<String> r = get(sim.port(Venue.BINANCE), "/api/v3/depth?symbol=BTCUSDT&limit=5000");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode snap = json(r.body());
        long lastUpdateId = snap.get("lastUpdateId").asLong();
        assertThat(first.get("U").asLong()).isLessThanOrEqualTo(lastUpdateId + 1);
        OrderBook book = new OrderBook("binance", "BTCUSDT");
        book.replace(new BookSnapshot("binance", "BTCUSDT", levels(snap.get("bids")), levels(snap.get("asks")),
                lastUpdateId, 0));
        long u = lastUpdateId;
        boolean synced = false;
        int applied = 0;
        JsonNode e = null;
        while (applied < 30) {
            e = e == null ? first : json(c.next(10_000));
            long eu = e.get("u").asLong();
            long eU = e.get("U").asLong();
            if (eu > lastUpdateId) {
                if (!synced) {
                    assertThat(eU).isLessThanOrEqualTo(lastUpdateId + 1);
                    synced = true;
                } else {
                    assertThat(eU).isEqualTo(u + 1);
                }
                book.apply(new BookDelta("binance", "BTCUSDT", levels(e.get("b")), levels(e.get("a")), eU, eu, 0));
                u = eu;
                applied++;
                assertThat(book.isCrossed()).isFalse();
            }
        }
        // A later snapshot matches the book built from the stream: exactly when an event ends at its id; otherwise
        // (the venue merges an interval's updates into one event) except for the levels the straddling event changes.
        JsonNode later = json(get(sim.port(Venue.BINANCE), "/api/v3/depth?symbol=BTCUSDT&limit=5000").body());
        long target = later.get("lastUpdateId").asLong();
        JsonNode straddling = null;
        while (u < target) {
            e = json(c.next(10_000));
            assertThat(e.get("U").asLong()).isEqualTo(u + 1);
            if (e.get("u").asLong() > target) {
                straddling = e;
                break;
            }
            book.apply(new BookDelta("binance", "BTCUSDT", levels(e.get("b")), levels(e.get("a")),
                    e.get("U").asLong(), e.get("u").asLong(), 0));
            u = e.get("u").asLong();
        }
        assertThat(unchanged(book.bids(10_000), straddling, "b")).isEqualTo(unchanged(levels(later.get("bids")),
                straddling, "b"));
        assertThat(unchanged(book.asks(10_000), straddling, "a")).isEqualTo(unchanged(levels(later.get("asks")),
                straddling, "a"));
        JsonNode small = json(get(sim.port(Venue.BINANCE), "/api/v3/depth?symbol=ETHUSDT&limit=5").body());
        assertThat(small.get("bids")).hasSize(5);
        assertThat(json(get(sim.port(Venue.BINANCE), "/api/v3/depth?symbol=ETHUSDT").body()).get("bids").size())
                .isGreaterThan(5);
    }

    @Test
    void restDepthRejectsBadRequestsClearly() throws Exception {
        start(config());
        HttpResponse<String> r = get(sim.port(Venue.BINANCE), "/api/v3/depth");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r.body()).get("code").asInt()).isEqualTo(-1102);
        r = get(sim.port(Venue.BINANCE), "/api/v3/depth?symbol=NOPE");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r.body()).get("code").asInt()).isEqualTo(-1121);
        r = get(sim.port(Venue.BINANCE), "/api/v3/depth?symbol=BTCUSDT&limit=abc");
        assertThat(json(r.body()).get("code").asInt()).isEqualTo(-1100);
        assertThat(get(sim.port(Venue.BINANCE), "/api/v3/nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void everyFaultActsOnTheConnections() throws Exception {
        start(config().venue(Venue.BINANCE, "maxIncomingMessagesPerSecond", 100));
        var faults = sim.faults(Venue.BINANCE);

        var rst = binance("/ws/btcusdt@trade");
        rst.next(10_000);
        assertThat(faults.drop(0, io.tickgate.simulator.venue.fault.DropMode.RST)).isEqualTo(1);
        rst.disconnected.get(10, TimeUnit.SECONDS);
        assertThat(rst.closeCode.join()).isEqualTo(-1);

        var closed = binance("/ws/btcusdt@trade");
        closed.next(10_000);
        HttpResponse<String> r = post(sim.port(Venue.BINANCE), "/admin/fault", "{\"type\":\"drop\",\"mode\":\"close\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r.body()).get("applied").asInt()).isEqualTo(1);
        assertThat(closed.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1001);

        var gap = binance("/ws/btcusdt@depth@100ms");
        long u = json(gap.next(10_000)).get("u").asLong();
        assertThat(post(sim.port(Venue.BINANCE), "/admin/fault", "{\"type\":\"skipSequence\",\"updates\":1}")
                .statusCode()).isEqualTo(200);
        boolean sawGap = false;
        for (int i = 0; i < 20 && !sawGap; i++) {
            JsonNode e = json(gap.next(10_000));
            sawGap = e.get("U").asLong() > u + 1;
            u = e.get("u").asLong();
        }
        assertThat(sawGap).isTrue();

        gap.texts.clear();
        post(sim.port(Venue.BINANCE), "/admin/fault", "{\"type\":\"malformed\",\"count\":1}");
        String bad = gap.nextContaining("\"e\":\"trade\",\"s\":", 10_000);
        assertThat(bad).doesNotEndWith("}");

        post(sim.port(Venue.BINANCE), "/admin/fault", "{\"type\":\"stall\",\"millis\":800}");
        Thread.sleep(100);
        gap.texts.clear();
        assertThat(gap.texts.poll(400, TimeUnit.MILLISECONDS)).isNull();
        assertThat(gap.isOpen()).isTrue();
        gap.next(10_000);

        post(sim.port(Venue.BINANCE), "/admin/fault", "{\"type\":\"slow\",\"delayMillis\":50,\"millis\":500}");
        gap.next(10_000);
        assertThat(gap.isOpen()).isTrue();

        post(sim.port(Venue.BINANCE), "/admin/fault", "{\"type\":\"refuse\",\"millis\":1500}");
        assertThat(binance("/ws").handshakeStatus()).isEqualTo(503);
        await().atMost(Duration.ofSeconds(10)).until(() -> binance("/ws").handshakeStatus() == 101);

        post(sim.port(Venue.BINANCE), "/admin/fault", "{\"type\":\"rateLimit\",\"millis\":1500}");
        var limited = binance("/ws");
        assertThat(limited.handshakeStatus()).isEqualTo(429);
        assertThat(limited.handshake.join().headers().get("Retry-After")).isNotNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> binance("/ws").handshakeStatus() == 101);
    }

    @Test
    void skippingEachBookGivesEveryBookOfTheConnectionOneGap() throws Exception {
        start(config());
        List<String> books = List.of("btcusdt", "ethusdt", "dogeusdt", "etcusdt", "filusdt", "aptusdt");
        String streams = String.join("/", books.stream().map(s -> s + "@depth@100ms").toList());
        var c = binance("/stream?streams=" + streams);
        var bystander = binance("/stream?streams=" + streams);
        Map<String, Long> lastU = new HashMap<>();
        while (lastU.size() < books.size()) { // every book has been seen once: its next update is the one dropped
            JsonNode m = json(c.next(15_000));
            lastU.put(m.get("stream").asText(), m.get("data").get("u").asLong());
        }
        HttpResponse<String> r = post(sim.port(Venue.BINANCE), "/admin/fault",
                "{\"type\":\"skipSequence\",\"count\":0,\"updates\":1,\"eachBook\":true}");
        assertThat(json(r.body()).get("applied").asInt()).isEqualTo(2);
        bystander.texts.clear(); // only c's gaps are looked at below; the bystander was hit too (count 0 = all)

        Map<String, Integer> gaps = new HashMap<>();
        Map<String, Integer> after = new HashMap<>();
        long deadline = System.currentTimeMillis() + 30_000;
        while (after.size() < books.size() || after.values().stream().anyMatch(n -> n < 5)) {
            assertThat(System.currentTimeMillis()).as("updates seen after the fault: %s", after).isLessThan(deadline);
            JsonNode m = json(c.next(15_000));
            String stream = m.get("stream").asText();
            JsonNode d = m.get("data");
            long previous = lastU.put(stream, d.get("u").asLong());
            if (d.get("U").asLong() > previous + 1) {
                gaps.merge(stream, 1, Integer::sum);
            }
            after.merge(stream, 1, Integer::sum);
        }
        assertThat(gaps).as("one gap per book, the quiet ones too").hasSize(books.size())
                .allSatisfy((stream, n) -> assertThat(n).as(stream).isEqualTo(1));
    }

    @Test
    void aMutedSymbolStopsOnItsConnectionUntilItIsResubscribed() throws Exception {
        start(config().venue(Venue.BINANCE, "maxIncomingMessagesPerSecond", 100));
        var c = binance("/stream?streams=btcusdt@trade/ethusdt@trade");
        var bystander = binance("/stream?streams=ethusdt@trade");
        c.nextContaining("btcusdt@trade", 10_000);
        HttpResponse<String> r = post(sim.port(Venue.BINANCE), "/admin/fault",
                "{\"type\":\"mute\",\"symbol\":\"BTCUSDT\"}");
        assertThat(json(r.body()).get("applied").asInt()).isEqualTo(1); // only c carries BTCUSDT
        Thread.sleep(100);
        c.texts.clear();
        Thread.sleep(1500);
        assertThat(c.texts).noneMatch(t -> t.contains("btcusdt@trade")).anyMatch(t -> t.contains("ethusdt@trade"));
        c.send("{\"method\":\"UNSUBSCRIBE\",\"params\":[\"btcusdt@trade\"],\"id\":1}");
        c.nextContaining("\"id\":1", 5000);
        c.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@trade\"],\"id\":2}");
        c.nextContaining("\"id\":2", 5000);
        c.nextContaining("btcusdt@trade", 10_000); // served again after the resubscription

        // sticky: a resubscription does not help, the connection stays stuck for that symbol
        assertThat(sim.faults(Venue.BINANCE).mute("BTCUSDT", 0, true)).isEqualTo(1);
        c.send("{\"method\":\"UNSUBSCRIBE\",\"params\":[\"btcusdt@trade\"],\"id\":3}");
        c.nextContaining("\"id\":3", 5000);
        c.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@trade\"],\"id\":4}");
        c.nextContaining("\"id\":4", 5000);
        Thread.sleep(100);
        c.texts.clear();
        Thread.sleep(1500);
        assertThat(c.texts).noneMatch(t -> t.contains("btcusdt@trade")).anyMatch(t -> t.contains("ethusdt@trade"));
        assertThat(bystander.isOpen()).isTrue();
        assertThat(post(sim.port(Venue.BINANCE), "/admin/fault", "{\"type\":\"mute\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void adminEndpointRejectsBadRequests() throws Exception {
        start(config());
        assertThat(post(sim.port(Venue.BINANCE), "/admin/fault", "{nope").statusCode()).isEqualTo(400);
        HttpResponse<String> r = post(sim.port(Venue.BINANCE), "/admin/fault", "{\"type\":\"explode\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r.body()).get("error").asText()).contains("explode");
        assertThat(post(sim.port(Venue.BINANCE), "/admin/fault", "{\"type\":\"stall\"}").statusCode()).isEqualTo(400);
        assertThat(get(sim.port(Venue.BINANCE), "/admin/fault").statusCode()).isEqualTo(405);
    }

    @Test
    void faultTargetsAreDeterministicForTheSeed() throws Exception {
        Set<Long> first = new HashSet<>();
        for (int run = 0; run < 2; run++) {
            start(config());
            List<TestWsClient> cs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                cs.add(binance("/ws"));
            }
            var faults = sim.faults(Venue.BINANCE);
            await().atMost(Duration.ofSeconds(5)).until(() -> faults.connectionCount() == 4);
            faults.drop(2, io.tickgate.simulator.venue.fault.DropMode.CLOSE);
            Set<Long> dropped = new HashSet<>();
            for (int i = 0; i < 4; i++) {
                var c = cs.get(i);
                if (c.closeCode.completeOnTimeout(0, 2, TimeUnit.SECONDS).join() == 1001) {
                    dropped.add((long) i);
                }
            }
            assertThat(dropped).hasSize(2);
            if (run == 0) {
                first.addAll(dropped);
            } else {
                assertThat(dropped).isEqualTo(first);
            }
            stop();
            sim = null;
        }
    }

    /** The levels whose price the event (may be null) does not touch on that side. */
    private static List<PriceLevel> unchanged(List<PriceLevel> levels, JsonNode event, String side) {
        Set<io.tickgate.model.decimal.Decimal> touched = new HashSet<>();
        if (event != null) {
            levels(event.get(side)).forEach(l -> touched.add(l.price()));
        }
        return levels.stream().filter(l -> !touched.contains(l.price())).toList();
    }

    @Test
    void diffDepthStreamsMergeEachIntervalIntoOneEvent() throws Exception {
        start(config());
        var fast = binance("/ws/btcusdt@depth@100ms");
        var slow = binance("/stream?streams=btcusdt@depth/btcusdt@depth@1000ms");
        long u = -1;
        long lastWindow = -1;
        boolean merged = false;
        for (int i = 0; i < 15; i++) {
            JsonNode e = json(fast.next(10_000));
            if (u >= 0) {
                assertThat(e.get("U").asLong()).isEqualTo(u + 1);
            }
            u = e.get("u").asLong();
            merged |= u > e.get("U").asLong();
            // one event per 100 ms interval: sent as the interval ends, so no two in the same interval
            assertThat(e.get("E").asLong() / 100).isGreaterThan(lastWindow);
            lastWindow = e.get("E").asLong() / 100;
            for (String side : List.of("b", "a")) {
                Set<String> prices = new HashSet<>();
                e.get(side).forEach(l -> assertThat(prices.add(l.get(0).asText())).as("one entry per level").isTrue());
            }
        }
        assertThat(merged).as("some event carries several engine updates").isTrue();
        Map<String, Long> slowU = new HashMap<>();
        Map<String, Long> slowWindow = new HashMap<>();
        for (int i = 0; i < 6; i++) {
            JsonNode m = json(slow.next(10_000));
            String stream = m.get("stream").asText();
            JsonNode e = m.get("data");
            if (slowU.containsKey(stream)) {
                assertThat(e.get("U").asLong()).isEqualTo(slowU.get(stream) + 1);
                assertThat(e.get("E").asLong() / 1000).isGreaterThan(slowWindow.get(stream));
            }
            slowU.put(stream, e.get("u").asLong());
            slowWindow.put(stream, e.get("E").asLong() / 1000);
        }
        assertThat(slowU).containsOnlyKeys("btcusdt@depth", "btcusdt@depth@1000ms");
    }

    private static List<PriceLevel> levels(JsonNode arr) {
        List<PriceLevel> out = new ArrayList<>();
        for (JsonNode l : arr) {
            out.add(PriceLevel.of(l.get(0).asText(), l.get(1).asText()));
        }
        return out;
    }
}
