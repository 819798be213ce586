package io.tickgate.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickgate.app.DemoProcess;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Backfill on start: the demo restarted on the same embedded store continues the candle that was open at the stop.
 * The day's candle after the restart opens at the price it opened at before, and its high, low, volume and trade
 * count include the trades of the first run (without the backfill it would open at the first trade after the
 * restart and count only a second or two of trades, where the first run counted several).
 */
class CandleBackfillRestartIT {

    private static final String TOPIC = "binance.BTCUSDT.kline.1d";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Timeout(150)
    void theDaysCandleContinuesAcrossARestart() throws Exception {
        Path db = Files.createTempDirectory("tickgate-backfill").resolve("history.db");
        String[] args = {"--set", "simulator.eventsPerSecond=1500", "--set", "store.url=" + db};
        try (DemoProcess demo = DemoProcess.start(args)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> openCandle(demo) != null
                    && openCandle(demo).path("trades").asLong() > 0);
            Thread.sleep(8_000); // the first run's share of the candle: several seconds of trades
            JsonNode before = openCandle(demo);
            demo.stop(); // SIGTERM: the store writes what waits

            demo.restart(args);
            AtomicReference<JsonNode> after = new AtomicReference<>();
            await("the day's candle continued").atMost(Duration.ofSeconds(30)).until(() -> {
                after.set(openCandle(demo));
                return after.get() != null && after.get().path("open").equals(before.path("open"));
            });
            JsonNode k = after.get();
            assertThat(k.path("openTime").asLong()).isEqualTo(before.path("openTime").asLong());
            assertThat(k.path("trades").asLong()).isGreaterThanOrEqualTo(before.path("trades").asLong());
            assertThat(decimal(k, "volume")).isGreaterThanOrEqualTo(decimal(before, "volume"));
            assertThat(decimal(k, "high")).isGreaterThanOrEqualTo(decimal(before, "high"));
            assertThat(decimal(k, "low")).isLessThanOrEqualTo(decimal(before, "low"));
            assertThat(demo.log()).contains("candle backfill of binance");
        }
    }

    /** The topic's open candle as the history API serves it (the last kline, from memory), or null. */
    private static JsonNode openCandle(DemoProcess demo) throws Exception {
        HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(demo.baseUrl()
                + "api/v1/klines?topic=" + TOPIC + "&limit=1")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200) {
            return null;
        }
        JsonNode klines = JSON.readTree(res.body()).path("klines");
        JsonNode last = klines.size() == 0 ? null : klines.get(klines.size() - 1);
        return last == null || last.path("closed").asBoolean() ? null : last;
    }

    private static BigDecimal decimal(JsonNode k, String field) {
        return new BigDecimal(k.path(field).asText());
    }
}
