package io.tickgate.store.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tickgate.bus.local.InProcessBroker;
import io.tickgate.gateway.Gateway;
import io.tickgate.gateway.GatewayConfig;
import io.tickgate.gateway.codec.EventJsonWriter;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.PriceLevel;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Interval;
import io.tickgate.store.api.StoreSettings;
import io.tickgate.store.embedded.SqliteStore;
import io.tickgate.store.ingest.HistoryIngest;
import io.tickgate.store.ingest.OpenCandles;
import io.tickgate.store.writer.StoreWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static io.tickgate.store.api.TestRows.kline;
import static io.tickgate.store.api.TestRows.trade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The REST history on a real gateway fed by a real broker into the embedded store: what it answers is exactly what
 * the live topics published (their JSON, decimals unchanged), pages cover a range once, bad parameters answer 400.
 */
@Timeout(60)
class HistoryRestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long NOW_MINUTE = Interval.M1.floor(System.currentTimeMillis());
    private static final long START = Interval.H1.floor(NOW_MINUTE) - 3 * 3_600_000L; // aligned for 5m candles

    @TempDir
    static Path dir;
    private static final InProcessBroker BROKER = new InProcessBroker("ep1");
    private static final List<MarketEvent> PUBLISHED = new ArrayList<>();
    private static Gateway gateway;
    private static SqliteStore store;
    private static StoreWriter writer;
    private static HistoryIngest ingest;
    private static HistoryRoutes routes;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void publishHistory() {
        store = SqliteStore.open(dir.resolve("history.db").toString());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        writer = new StoreWriter(store, StoreSettings.builder().build(), registry);
        OpenCandles open = new OpenCandles();
        ingest = new HistoryIngest(writer, open, 2, 100).subscribe(BROKER); // book snapshots every 100 ms
        gateway = Gateway.start(GatewayConfig.builder().host("127.0.0.1").port(0).build(), BROKER, registry);
        routes = new HistoryRoutes(store, open, 2).register(gateway);
        BROKER.subscribe(e -> PUBLISHED.add(e.event()));

        for (int i = 0; i < 500; i++) {
            BROKER.publish(trade("BTCUSDT", 7_000 + i, START + i / 3 * 1000L)); // three trades per second
        }
        for (int i = 0; i < 120; i++) {
            BROKER.publish(kline("BTCUSDT", Interval.M1, START + i * 60_000L));
        }
        BROKER.publish(new Kline("binance", "BTCUSDT", Interval.M1, NOW_MINUTE, Decimal.parse("100.10"),
                Decimal.parse("100.90"), Decimal.parse("100.00"), Decimal.parse("100.50"), Decimal.parse("1.500"),
                3, false, NOW_MINUTE + 10));
        BROKER.publish(new BookSnapshot("binance", "BTCUSDT",
                List.of(PriceLevel.of("100.10", "1.50000000"), PriceLevel.of("100.00", "2")),
                List.of(PriceLevel.of("100.20", "0.1"), PriceLevel.of("100.30", "7.000")), 42, START + 5));
        await().atMost(Duration.ofSeconds(20)).until(() -> writer.written() == 621);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        routes.close();
        ingest.close();
        writer.close();
        store.close();
        BROKER.close();
    }

    @Test
    void klinesAnswerExactlyWhatTheLiveTopicPublishedWithTheOpenCandleLast() throws Exception {
        JsonNode body = getJson("/api/v1/klines?topic=binance.BTCUSDT.kline.1m&limit=1000");
        assertThat(body.get("klines")).isEqualTo(live(Kline.class, 0, 121));

        JsonNode latest = getJson("/api/v1/klines?topic=binance.BTCUSDT.kline.1m&limit=10");
        assertThat(latest.get("klines")).isEqualTo(live(Kline.class, 111, 121));
        assertThat(latest.get("klines").get(9).get("closed").asBoolean()).isFalse();
        assertThat(latest.get("klines").get(0).get("volume").asText()).isEqualTo("12.34000000");

        JsonNode range = getJson("/api/v1/klines?topic=binance.BTCUSDT.kline.1m&from=" + (START + 60_000)
                + "&to=" + (START + 180_000));
        assertThat(range.get("klines")).isEqualTo(live(Kline.class, 1, 4));
    }

    @Test
    void intervalsNotStoredAreAggregatedFromShorterOnes() throws Exception {
        JsonNode body = getJson("/api/v1/klines?topic=binance.BTCUSDT.kline.5m&from=" + START + "&limit=1000");
        JsonNode k = body.get("klines");
        assertThat(k).hasSize(24);
        assertThat(k.get(0).get("openTime").asLong()).isEqualTo(START);
        assertThat(k.get(0).get("trades").asLong()).isEqualTo(5 * 42);
        assertThat(k.get(0).get("closed").asBoolean()).isTrue();
        assertThat(new java.math.BigDecimal(k.get(0).get("volume").asText()))
                .isEqualByComparingTo("61.7");
    }

    @Test
    void anAggregateStillOpenGivesWayToTheLiveCandleOfItsInterval() throws Exception {
        long t = Interval.M5.floor(START);
        long before = writer.written();
        BROKER.publish(kline("ETHUSDT", Interval.M1, t));
        BROKER.publish(kline("ETHUSDT", Interval.M1, t + 60_000));
        Kline live = new Kline("binance", "ETHUSDT", Interval.M5, t, Decimal.parse("100.10"), Decimal.parse("101.50"),
                Decimal.parse("99.50"), Decimal.parse("100.70"), Decimal.parse("30.0"), 90, false, t + 150_000);
        BROKER.publish(live);
        await().atMost(Duration.ofSeconds(20)).until(() -> writer.written() >= before + 2);

        JsonNode body = getJson("/api/v1/klines?topic=binance.ETHUSDT.kline.5m&from=" + t);
        assertThat(body.get("klines")).hasSize(1);
        assertThat(body.get("klines").get(0)).isEqualTo(json(live));
        JsonNode parts = getJson("/api/v1/klines?topic=binance.ETHUSDT.kline.15m&from=" + t);
        assertThat(parts.get("klines").get(0).get("closed").asBoolean()).isFalse(); // built from 1m, not closed
    }

    @Test
    void tradePagesCoverTheRangeWithNoTradeMissingOrRepeated() throws Exception {
        ArrayNode paged = JSON.createArrayNode();
        String next = null;
        for (int page = 0; page < 100; page++) {
            JsonNode body = getJson("/api/v1/trades?topic=binance.BTCUSDT.trade&from=" + START + "&to="
                    + (START + 1_000_000) + "&limit=37" + (next == null ? "" : "&cursor=" + next));
            paged.addAll((ArrayNode) body.get("trades"));
            next = body.get("next").isNull() ? null : body.get("next").asText();
            if (next == null) {
                break;
            }
        }
        assertThat(paged).isEqualTo(live(Trade.class, 0, 500));
    }

    @Test
    void booksAnswerTheStoredSnapshotsAsTheLiveTopicPublishedThem() throws Exception {
        JsonNode body = getJson("/api/v1/books?topic=binance.BTCUSDT.book&from=" + START);
        assertThat(body.get("books")).isEqualTo(live(BookSnapshot.class, 0, 1));
        assertThat(getJson("/api/v1/books?topic=binance.BTCUSDT.book&from=" + (START + 6)).get("books")).isEmpty();
        assertBad("/api/v1/books?topic=binance.BTCUSDT.trade", "topic");
        assertBad("/api/v1/books?topic=binance.BTCUSDT.book&limit=0", "limit");
    }

    @Test
    void badParametersAnswer400NamingTheParameter() throws Exception {
        String k = "/api/v1/klines?topic=binance.BTCUSDT.kline.1m";
        assertBad("/api/v1/klines", "topic");
        assertBad("/api/v1/klines?topic=" + enc("not a topic"), "topic");
        assertBad("/api/v1/klines?topic=binance.BTCUSDT.trade", "topic");
        assertBad("/api/v1/trades?topic=binance.BTCUSDT.kline.1m", "topic");
        assertBad(k + "&limit=0", "limit");
        assertBad(k + "&limit=1001", "limit");
        assertBad(k + "&limit=ten", "limit");
        assertBad(k + "&from=yesterday", "from");
        assertBad(k + "&to=-5", "to");
        assertBad(k + "&from=2000&to=1000", "from");
        assertBad("/api/v1/trades?topic=binance.BTCUSDT.trade&cursor=" + enc("%%%"), "cursor");
        assertBad("/api/v1/trades?topic=binance.BTCUSDT.trade&cursor=bm9wZQ", "cursor");
    }

    @Test
    void closedRangesCarryAnEtagAndGzipWhenAsked() throws Exception {
        String path = "/api/v1/klines?topic=binance.BTCUSDT.kline.1m&from=" + START + "&to=" + (START + 3_600_000);
        HttpResponse<byte[]> first = get(path, "Accept-Encoding", "gzip");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("public, max-age=3600");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        JsonNode body = JSON.readTree(gunzip(first.body()));
        assertThat(body.get("klines")).isEqualTo(live(Kline.class, 0, 61));

        assertThat(get(path, "If-None-Match", etag).statusCode()).isEqualTo(304);
        HttpResponse<byte[]> open = get("/api/v1/klines?topic=binance.BTCUSDT.kline.1m", "Accept", "*/*");
        assertThat(open.headers().firstValue("ETag")).isEmpty();
        assertThat(open.headers().firstValue("Cache-Control")).hasValue("no-cache");
        for (String kind : List.of("klines?topic=binance.BTCUSDT.kline.1m", "trades?topic=binance.BTCUSDT.trade")) {
            HttpResponse<byte[]> forever = get("/api/v1/" + kind + "&to=" + Long.MAX_VALUE, "Accept", "*/*");
            assertThat(forever.statusCode()).isEqualTo(200);
            assertThat(forever.headers().firstValue("Cache-Control")).as("to = Long.MAX_VALUE is not closed: " + kind)
                    .hasValue("no-cache");
        }
    }

    /** What the live topics published of one kind, events from..to (exclusive), as their JSON data objects. */
    private static ArrayNode live(Class<? extends MarketEvent> kind, int from, int to) throws IOException {
        List<MarketEvent> of = PUBLISHED.stream().filter(kind::isInstance).filter(e -> e.symbol().equals("BTCUSDT"))
                .toList();
        ArrayNode out = JSON.createArrayNode();
        for (MarketEvent e : of.subList(from, to)) {
            out.add(json(e));
        }
        return out;
    }

    /** An event as the live topic's JSON data object. */
    private static JsonNode json(MarketEvent e) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var g = JSON.getFactory().createGenerator(bytes)) {
            EventJsonWriter.write(g, e);
        }
        return JSON.readTree(bytes.toByteArray());
    }

    private static void assertBad(String path, String param) throws Exception {
        HttpResponse<byte[]> r = get(path, "Accept", "*/*");
        assertThat(r.statusCode()).as(path).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).get("error").asText()).as(path).startsWith(param + ":");
    }

    private static JsonNode getJson(String path) throws Exception {
        HttpResponse<byte[]> r = get(path, "Accept", "application/json");
        assertThat(r.statusCode()).as(path + " " + new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static HttpResponse<byte[]> get(String path, String header, String value) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .header(header, value).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
