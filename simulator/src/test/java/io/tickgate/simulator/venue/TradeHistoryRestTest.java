package io.tickgate.simulator.venue;

import io.tickgate.model.venue.Venue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The simulated venues' REST trade history: Binance {@code aggTrades} / {@code historicalTrades} page forward from
 * {@code fromId}, OKX {@code history-trades} pages backward with {@code after}, both with consecutive ids in the
 * venue's shapes; bad parameters get the venue's errors; the {@code tradeHistory} fault shortens what is served;
 * the {@code restLimit} fault answers 429.
 */
@Timeout(30)
class TradeHistoryRestTest extends VenueTestSupport {

    @Test
    void binancePagesForwardFromAnIdInBothShapes() throws Exception {
        start(config().symbolsPerSource(2));
        int port = sim.port(Venue.BINANCE);
        String symbol = sim.symbols(io.tickgate.model.venue.Venue.BINANCE).get(0).symbol();
        await().atMost(Duration.ofSeconds(10)).until(() -> json(get(port, "/api/v3/aggTrades?symbol=" + symbol
                + "&limit=20").body()).size() == 20);
        JsonNode newest = json(get(port, "/api/v3/aggTrades?symbol=" + symbol + "&limit=20").body());
        long first = newest.get(0).path("a").asLong();
        JsonNode agg = json(get(port, "/api/v3/aggTrades?symbol=" + symbol + "&fromId=" + first + "&limit=5").body());
        assertThat(ids(agg, "a")).containsExactly(first, first + 1, first + 2, first + 3, first + 4);
        assertThat(agg.get(0).path("p").isTextual()).isTrue();
        assertThat(agg.get(0).path("f").asLong()).isEqualTo(first);
        JsonNode raw = json(get(port, "/api/v3/historicalTrades?symbol=" + symbol + "&fromId=" + first
                + "&limit=3").body());
        assertThat(ids(raw, "id")).containsExactly(first, first + 1, first + 2);
        assertThat(raw.get(0).path("price").asText()).isEqualTo(agg.get(0).path("p").asText());
        assertThat(raw.get(0).path("isBuyerMaker").asBoolean()).isEqualTo(agg.get(0).path("m").asBoolean());

        sim.faults().tradeHistory(3);
        JsonNode shortened = json(get(port, "/api/v3/aggTrades?symbol=" + symbol + "&fromId=" + first).body());
        assertThat(shortened.size()).isEqualTo(3);
        assertThat(shortened.get(0).path("a").asLong()).isGreaterThan(first + 4);

        HttpResponse<String> bad = get(port, "/api/v3/aggTrades?symbol=" + symbol + "&fromId=-1");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad.body()).path("code").asInt()).isEqualTo(-1100);
        assertThat(get(port, "/api/v3/historicalTrades").statusCode()).isEqualTo(400);

        sim.faults().restLimit(429, 5_000, 0);
        HttpResponse<String> limited = get(port, "/api/v3/aggTrades?symbol=" + symbol);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void okxPagesBackwardOlderThanAnId() throws Exception {
        start(config().symbolsPerSource(2));
        int port = sim.port(Venue.OKX);
        String instId = sim.symbols(io.tickgate.model.venue.Venue.OKX).get(0).symbol();
        String path = "/api/v5/market/history-trades?instId=" + instId + "&type=1";
        await().atMost(Duration.ofSeconds(10)).until(() -> json(get(port, path + "&limit=30").body())
                .path("data").size() == 30);
        JsonNode newest = json(get(port, path + "&limit=30").body());
        assertThat(newest.path("code").asText()).isEqualTo("0");
        long top = newest.path("data").get(0).path("tradeId").asLong();
        JsonNode older = json(get(port, path + "&after=" + top + "&limit=4").body()).path("data");
        List<Long> ids = new ArrayList<>();
        older.forEach(t -> ids.add(t.path("tradeId").asLong()));
        assertThat(ids).containsExactly(top - 1, top - 2, top - 3, top - 4);
        assertThat(older.get(0).path("px").isTextual()).isTrue();
        assertThat(older.get(0).path("side").asText()).isIn("buy", "sell");

        HttpResponse<String> unknown = get(port, "/api/v5/market/history-trades?instId=NOPE-USDT");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown.body()).path("code").asText()).isEqualTo("51001");
        assertThat(json(get(port, path + "&after=x").body()).path("code").asText()).isEqualTo("51000");

        sim.faults().tradeHistory(2);
        assertThat(json(get(port, path + "&after=" + top).body()).path("data").size()).isLessThanOrEqualTo(2);
    }

    private static List<Long> ids(JsonNode array, String field) {
        List<Long> out = new ArrayList<>();
        array.forEach(t -> out.add(t.path(field).asLong()));
        return out;
    }
}
