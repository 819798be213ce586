package io.tickgate.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickgate.app.config.ConfigLoader;
import io.tickgate.app.config.TickgateConfig;
import io.tickgate.gateway.Gateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The gateway knows every topic the feeds are configured for from its start, before any venue delivered. */
class AssemblyDeclaredTopicsTest {

    @Test
    @Timeout(30)
    void configuredVenueSymbolChannelTopicsExistBeforeAnyData() throws Exception {
        // the venue is unreachable: nothing is ever published
        TickgateConfig c = new ConfigLoader().load(null, Map.of(), List.of("gateway.host=127.0.0.1",
                "gateway.port=0", "okx.enabled=false", "binance.url=ws://127.0.0.1:1",
                "binance.symbols=BTCUSDT,ETHUSDT", "binance.channels=trade,depth@100ms,ticker",
                "binance.klineIntervals=1s,1m,5m,15m,1h"));
        Assembly a = new Assembly(c);
        try {
            a.startFeeds(null);
            Gateway g = a.startGateway();
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + g.port() + "/api/v1/topics")).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
            List<String> topics = new ArrayList<>();
            for (JsonNode t : new ObjectMapper().readTree(r.body())) {
                topics.add(t.path("topic").asText());
                assertThat(t.path("seq").asLong()).isZero();
            }
            // trade + 5 candles built from trades + book + book.top + ticker, per symbol
            assertThat(topics).hasSize(18).contains("binance.BTCUSDT.trade", "binance.ETHUSDT.kline.1m",
                    "binance.BTCUSDT.book.top", "binance.ETHUSDT.ticker");
        } finally {
            a.components().close();
        }
    }
}
