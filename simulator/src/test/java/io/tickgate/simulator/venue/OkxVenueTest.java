package io.tickgate.simulator.venue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickgate.model.book.OrderBook;
import io.tickgate.model.event.PriceLevel;
import io.tickgate.model.venue.Venue;
import io.tickgate.simulator.venue.fault.DropMode;
import io.tickgate.simulator.venue.okx.OkxChecksum;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OkxVenueTest extends VenueTestSupport {

    private static final String PUBLIC = "/ws/v5/public";
    private static final String BUSINESS = "/ws/v5/business";

    @Test
    void legacyChecksumMatchesTheDocumentedVector() {
        assertThat(OkxChecksum.of("3366.1:7:3366.8:9:3366:6:3368:8")).isEqualTo(-1881014294);
        assertThat(OkxChecksum.of(List.of(PriceLevel.of("3366.1", "7"), PriceLevel.of("3366", "6")),
                List.of(PriceLevel.of("3366.8", "9"), PriceLevel.of("3368", "8")))).isEqualTo(-1881014294);
        assertThat(OkxChecksum.of(List.of(PriceLevel.of("1", "2")), List.of())).isEqualTo(OkxChecksum.of("1:2"));
    }

    @Test
    void subscribeAcksAndPushesPublicChannelsInOkxShape() throws Exception {
        start(config());
        var c = okx(PUBLIC);
        c.send("{\"id\":\"1\",\"op\":\"subscribe\",\"args\":[{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"},"
                + "{\"channel\":\"tickers\",\"instId\":\"BTC-USDT\"},{\"channel\":\"books5\",\"instId\":\"BTC-USDT\"},"
                + "{\"channel\":\"bbo-tbt\",\"instId\":\"ETH-USDT\"}]}");
        for (String ch : List.of("trades", "tickers", "books5", "bbo-tbt")) {
            JsonNode ack = json(c.nextContaining("\"event\":\"subscribe\",\"arg\":{\"channel\":\"" + ch + "\"", 5000));
            assertThat(ack.get("id").asText()).isEqualTo("1");
            assertThat(ack.get("connId").asText()).matches("[0-9a-f]{8}");
        }
        Map<String, JsonNode> seen = new HashMap<>();
        long deadline = System.currentTimeMillis() + 20_000;
        while (seen.size() < 4) {
            assertThat(System.currentTimeMillis()).as("seen %s", seen.keySet()).isLessThan(deadline);
            JsonNode m = json(c.next(10_000));
            if (m.has("arg") && m.has("data")) {
                seen.putIfAbsent(m.get("arg").get("channel").asText(), m.get("data").get(0));
            }
        }
        JsonNode t = seen.get("trades");
        assertThat(t.get("instId").asText()).isEqualTo("BTC-USDT");
        assertThat(t.get("tradeId").isTextual()).isTrue();
        assertThat(t.get("px").asText()).matches("\\d{5}\\.\\d{2}");
        assertThat(t.get("sz").asText()).matches("\\d+\\.\\d{5}");
        assertThat(t.get("side").asText()).isIn("buy", "sell");
        assertThat(t.get("ts").isTextual()).isTrue();
        assertThat(t.get("count").asText()).isEqualTo("1");
        JsonNode tk = seen.get("tickers");
        assertThat(tk.get("instType").asText()).isEqualTo("SPOT");
        for (String f : List.of("last", "askPx", "bidPx", "open24h", "high24h", "low24h", "vol24h", "volCcy24h")) {
            assertThat(tk.get(f).asText()).as(f).matches("\\d+(\\.\\d+)?");
        }
        JsonNode b5 = seen.get("books5");
        assertThat(b5.get("asks")).hasSize(5);
        assertThat(b5.get("bids").get(0)).hasSize(4);
        assertThat(b5.get("bids").get(0).get(2).asText()).isEqualTo("0");
        JsonNode bbo = seen.get("bbo-tbt");
        assertThat(bbo.get("asks")).hasSize(1);
        assertThat(bbo.get("bids")).hasSize(1);
        assertThat(bbo.get("seqId").isIntegralNumber()).isTrue();

        c.send("{\"id\":\"2\",\"op\":\"unsubscribe\",\"args\":[{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"}]}");
        JsonNode un = json(c.nextContaining("\"event\":\"unsubscribe\"", 5000));
        assertThat(un.get("arg").get("channel").asText()).isEqualTo("trades");
    }

    @Test
    void booksSnapshotThenUpdatesChainSeqIdsAndMatchChecksums() throws Exception {
        start(config());
        var c = okx(PUBLIC);
        c.send("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"books\",\"instId\":\"BTC-USDT\"}]}");
        JsonNode ack = json(c.nextContaining("\"event\"", 5000));
        assertThat(ack.get("event").asText()).isEqualTo("subscribe");
        assertThat(ack.has("id")).isFalse();
        JsonNode snap = json(c.nextContaining("\"action\"", 5000));
        assertThat(snap.get("action").asText()).isEqualTo("snapshot");
        JsonNode d = snap.get("data").get(0);
        assertThat(d.get("prevSeqId").asLong()).isEqualTo(-1);
        assertThat(d.get("bids").size()).isGreaterThanOrEqualTo(50);
        OrderBook book = new OrderBook("okx", "BTC-USDT");
        apply(book, d);
        assertThat(d.get("checksum").asInt()).isEqualTo(checksum(book));
        long seq = d.get("seqId").asLong();
        for (int i = 0; i < 40; i++) {
            JsonNode u = json(c.next(10_000));
            assertThat(u.get("action").asText()).isEqualTo("update");
            JsonNode ud = u.get("data").get(0);
            assertThat(ud.get("prevSeqId").asLong()).isEqualTo(seq);
            assertThat(ud.get("seqId").asLong()).isGreaterThanOrEqualTo(seq);
            seq = ud.get("seqId").asLong();
            apply(book, ud);
            assertThat(book.isCrossed()).isFalse();
            assertThat(ud.get("checksum").asInt()).isEqualTo(checksum(book));
        }
        sim.faults(Venue.OKX).resetSequences();
        boolean reset = false;
        for (int i = 0; i < 200 && !reset; i++) {
            JsonNode ud = json(c.next(10_000)).get("data").get(0);
            assertThat(ud.get("prevSeqId").asLong()).isEqualTo(seq);
            reset = ud.get("seqId").asLong() < ud.get("prevSeqId").asLong();
            seq = ud.get("seqId").asLong();
            apply(book, ud);
            assertThat(ud.get("checksum").asInt()).isEqualTo(checksum(book));
        }
        assertThat(reset).isTrue();
        JsonNode next = json(c.next(10_000)).get("data").get(0);
        assertThat(next.get("prevSeqId").asLong()).isEqualTo(seq);
    }

    @Test
    void quietBooksGetEmptyHeartbeatUpdates() throws Exception {
        start(config().eventsPerSecond(40).venue(Venue.OKX, "bookHeartbeatMillis", 300));
        var c = okx(PUBLIC);
        c.send("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"books\",\"instId\":\"XRP-USDT\"}]}");
        long seq = json(c.nextContaining("\"snapshot\"", 10_000)).get("data").get(0).get("seqId").asLong();
        boolean heartbeat = false;
        while (!heartbeat) {
            JsonNode ud = json(c.nextContaining("\"update\"", 10_000)).get("data").get(0);
            assertThat(ud.get("prevSeqId").asLong()).isEqualTo(seq);
            heartbeat = ud.get("bids").isEmpty() && ud.get("asks").isEmpty();
            if (heartbeat) {
                assertThat(ud.get("seqId").asLong()).isEqualTo(ud.get("prevSeqId").asLong());
            }
            seq = ud.get("seqId").asLong();
        }
    }

    @Test
    void candlesOnlyOnBusinessAndErrorsHaveOkxCodes() throws Exception {
        start(config().venue(Venue.OKX, "subscribeRequestsPerHour", 8));
        var biz = okx(BUSINESS);
        biz.send("{\"id\":\"c\",\"op\":\"subscribe\",\"args\":[{\"channel\":\"candle1m\",\"instId\":\"BTC-USDT\"}]}");
        biz.nextContaining("\"event\":\"subscribe\"", 5000);
        JsonNode candle = json(biz.nextContaining("candle1m\",\"instId\":\"BTC-USDT\"},\"data\"", 15_000));
        JsonNode row = candle.get("data").get(0);
        assertThat(row).hasSize(9);
        assertThat(row.get(0).asText()).matches("\\d+");
        assertThat(Long.parseLong(row.get(0).asText()) % 60_000).isZero();
        assertThat(row.get(8).asText()).isIn("0", "1");
        biz.send("{\"id\":\"b\",\"op\":\"subscribe\",\"args\":[{\"channel\":\"books\",\"instId\":\"BTC-USDT\"}]}");
        assertThat(json(biz.nextContaining("\"id\":\"b\"", 5000)).get("code").asText()).isEqualTo("60018");

        var pub = okx(PUBLIC);
        pub.send("{\"id\":\"1\",\"op\":\"subscribe\",\"args\":[{\"channel\":\"candle1m\",\"instId\":\"BTC-USDT\"}]}");
        JsonNode e = json(pub.nextContaining("\"id\":\"1\"", 5000));
        assertThat(e.get("event").asText()).isEqualTo("error");
        assertThat(e.get("code").asText()).isEqualTo("60018");
        assertThat(e.get("msg").asText()).startsWith("Wrong URL or channel:candle1m,instId:BTC-USDT doesn't exist");
        assertThat(e.get("connId").isTextual()).isTrue();
        pub.send("{\"id\":\"u\",\"op\":\"subscribe\",\"args\":[{\"channel\":\"nope\",\"instId\":\"BTC-USDT\"}]}");
        assertThat(json(pub.nextContaining("\"id\":\"u\"", 5000)).get("code").asText()).isEqualTo("60018");
        pub.send("{\"id\":\"2\",\"op\":\"subscribe\",\"args\":[{\"channel\":\"trades\",\"instId\":\"NOPE-USDT\"}]}");
        assertThat(json(pub.nextContaining("\"id\":\"2\"", 5000)).get("code").asText()).isEqualTo("60018");
        pub.send("{\"id\":\"3\",\"op\":\"subscribe\",\"args\":[{\"channel\":\"trades\"}]}");
        assertThat(json(pub.nextContaining("\"id\":\"3\"", 5000)).get("code").asText()).isEqualTo("60013");
        pub.send("{\"id\":\"4\",\"op\":\"subscribe\"}");
        assertThat(json(pub.nextContaining("\"id\":\"4\"", 5000)).get("code").asText()).isEqualTo("60013");
        pub.send("{\"id\":\"5\",\"op\":\"dance\",\"args\":[]}");
        assertThat(json(pub.nextContaining("\"id\":\"5\"", 5000)).get("code").asText()).isEqualTo("60012");
        pub.send("{oops");
        assertThat(json(pub.nextContaining("60012", 5000)).get("msg").asText()).contains("{oops");
        for (int i = 6; i <= 9; i++) {
            pub.send("{\"id\":\"" + i + "\",\"op\":\"subscribe\",\"args\":[{\"channel\":\"trades\","
                    + "\"instId\":\"BTC-USDT\"}]}");
        }
        // 8 requests per hour: ids 1..4 and 6..9 make 8, the next is too frequent
        pub.send("{\"id\":\"10\",\"op\":\"subscribe\",\"args\":[{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"}]}");
        JsonNode limited = json(pub.nextContaining("\"id\":\"10\"", 5000));
        assertThat(limited.get("code").asText()).isEqualTo("60014");
        assertThat(pub.isOpen()).isTrue();
    }

    @Test
    void textPingGetsPongAndIdleConnectionsAreClosed() throws Exception {
        start(config().venue(Venue.OKX, "idleTimeoutMillis", 1000));
        var c = okx(PUBLIC);
        c.send("ping");
        assertThat(c.next(5000)).isEqualTo("pong");
        assertThat(c.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(4004);
        var busy = okx(PUBLIC);
        busy.send("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"tickers\",\"instId\":\"BTC-USDT\"},"
                + "{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"}]}");
        Thread.sleep(1500);
        assertThat(busy.isOpen()).isTrue();
        assertThat(okx("/ws/v5/private").handshakeStatus()).isEqualTo(404);
    }

    @Test
    void connectionRequestsPerSecondAreLimitedAndFaultsApply() throws Exception {
        start(config().venue(Venue.OKX, "connectAttempts", 3).venue(Venue.OKX, "connectWindowMillis", 60_000));
        List<TestWsClient> ok = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ok.add(okx(PUBLIC));
            assertThat(ok.get(i).handshakeStatus()).isEqualTo(101);
        }
        assertThat(okx(PUBLIC).handshakeStatus()).isEqualTo(429);

        sim.faults(Venue.OKX).rateLimit(60_000);
        ok.get(0).send("{\"id\":\"1\",\"op\":\"subscribe\",\"args\":[{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"}]}");
        assertThat(json(ok.get(0).nextContaining("\"id\":\"1\"", 5000)).get("code").asText()).isEqualTo("60014");

        ok.get(1).send("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"books\",\"instId\":\"BTC-USDT\"}]}");
        assertThat(json(ok.get(1).nextContaining("\"event\"", 5000)).get("code").asText()).isEqualTo("60014");

        assertThat(post(sim.port(Venue.OKX), "/admin/fault", "{\"type\":\"drop\",\"mode\":\"close\",\"count\":1}")
                .statusCode()).isEqualTo(200);
        long closed = ok.stream().filter(c -> c.closeCode.completeOnTimeout(0, 2, TimeUnit.SECONDS).join() == 1001)
                .count();
        assertThat(closed).isEqualTo(1);
        assertThat(sim.faults().drop(0, DropMode.RST)).isEqualTo(2);
    }

    private static void apply(OrderBook book, JsonNode data) {
        for (JsonNode l : data.get("bids")) {
            book.setBid(io.tickgate.model.decimal.Decimal.parse(l.get(0).asText()),
                    io.tickgate.model.decimal.Decimal.parse(l.get(1).asText()));
        }
        for (JsonNode l : data.get("asks")) {
            book.setAsk(io.tickgate.model.decimal.Decimal.parse(l.get(0).asText()),
                    io.tickgate.model.decimal.Decimal.parse(l.get(1).asText()));
        }
    }

    private static int checksum(OrderBook book) {
        return OkxChecksum.of(book.bids(25), book.asks(25));
    }
}
