package io.tickgate.feed.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.tickgate.feed.venue.Venues;
import io.tickgate.model.venue.Venue;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A venue's channels are split over the endpoints they live on, as its adapter says (OKX: candles on
 * {@code /ws/v5/business}, the rest on {@code /ws/v5/public}; Binance: one endpoint); each endpoint with channels
 * gets its own URL and connection counts; configuration errors name the key.
 */
class EndpointConfigTest {

    private static final List<String> OKX_SYMBOLS = List.of("BTC-USDT", "ETH-USDT");

    @Test
    void okxCandlesAndAllTradesLiveOnTheBusinessEndpointTheRestOnPublic() {
        var okx = Venues.adapter(Venue.OKX);
        assertThat(List.of("candle1m", "candle1H", "candle1Dutc", "mark-price-candle1m", "index-candle5m",
                "trades-all")).allSatisfy(c -> assertThat(okx.endpoint(c)).as(c).isEqualTo("business"));
        assertThat(List.of("trades", "books", "books5", "bbo-tbt", "tickers", "books-l2-tbt"))
                .allSatisfy(c -> assertThat(okx.endpoint(c)).as(c).isEqualTo("public"));
        assertThat(Venues.adapter(Venue.BINANCE).endpoint("kline_1m")).isEqualTo("stream");
    }

    @Test
    void eachEndpointWithChannelsGetsItsChannelsAUrlDerivedFromThePrimaryAndItsOwnConnections() {
        PoolConfig c = PoolConfig.builder(Venue.OKX).url("wss://ws.okx.com:8443/ws/v5/public").symbols(OKX_SYMBOLS)
                .channels(List.of("trades", "candle1m", "books", "candle5m")).connections(2, 4).build();
        assertThat(c.endpoints()).hasSize(2);
        EndpointConfig pub = c.endpoints().get(0);
        EndpointConfig biz = c.endpoints().get(1);
        assertThat(pub).isEqualTo(new EndpointConfig(0, "public", true, "wss://ws.okx.com:8443/ws/v5/public",
                List.of("trades", "books"), 2, 4, 0, 2));
        assertThat(biz).isEqualTo(new EndpointConfig(1, "business", false, "wss://ws.okx.com:8443/ws/v5/business",
                List.of("candle1m", "candle5m"), 1, 2, 0, 2));
        assertThat(c.connectionSettings(biz).url()).isEqualTo("wss://ws.okx.com:8443/ws/v5/business");
        assertThat(c.connectionSettings(biz).channels()).containsExactly("candle1m", "candle5m");
        assertThat(c.url()).as("okx.url keeps naming the public endpoint").endsWith("/ws/v5/public");

        PoolConfig set = c.toBuilder().endpoint("business", "ws://10.0.0.1:1/ws/v5/business", 2, 3).build();
        assertThat(set.endpoints().get(1).url()).isEqualTo("ws://10.0.0.1:1/ws/v5/business");
        assertThat(set.endpoints().get(1).requiredConnections()).isEqualTo(2);
        assertThat(set.endpoints().get(1).maxConnections()).isEqualTo(3);
        assertThat(set.toBuilder().endpointUrl("business", "").build().endpoints().get(1))
                .as("URL derived again, connection counts kept")
                .isEqualTo(new EndpointConfig(1, "business", false, "wss://ws.okx.com:8443/ws/v5/business",
                        List.of("candle1m", "candle5m"), 2, 3, 0, 2));
    }

    @Test
    void onlyEndpointsWithChannelsAreOpened() {
        PoolConfig defaults = PoolConfig.builder(Venue.OKX).symbols(OKX_SYMBOLS).build();
        assertThat(defaults.endpoints()).extracting(EndpointConfig::name).containsExactly("public");
        PoolConfig candlesOnly = PoolConfig.builder(Venue.OKX).url("ws://127.0.0.1:9/ws/v5/public")
                .symbols(OKX_SYMBOLS).channels(List.of("candle1m")).build();
        assertThat(candlesOnly.endpoints()).extracting(EndpointConfig::name, EndpointConfig::url)
                .containsExactly(tuple("business", "ws://127.0.0.1:9/ws/v5/business"));
        PoolConfig binance = PoolConfig.builder(Venue.BINANCE).url("ws://127.0.0.1:9").symbols(List.of("BTCUSDT"))
                .channels(List.of("trade", "depth@100ms", "kline_1m")).build();
        assertThat(binance.endpoints()).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("stream");
            assertThat(e.url()).isEqualTo("ws://127.0.0.1:9");
            assertThat(e.channels()).containsExactly("trade", "depth@100ms", "kline_1m");
        });
    }

    @Test
    void theStreamCapCountsTheChannelsOfEachEndpoint() {
        PoolConfig c = PoolConfig.builder(Venue.OKX).symbols(OKX_SYMBOLS).maxStreamsPerConnection(2)
                .channels(List.of("trades", "books", "candle1m")).connections(2, 2).build();
        assertThat(c.endpoints().get(0).maxSymbolsPerConnection()).isEqualTo(1);
        assertThat(c.endpoints().get(1).maxSymbolsPerConnection()).isEqualTo(2);
        assertThatThrownBy(() -> c.toBuilder().channels(List.of("trades", "candle1m", "candle5m", "candle15m"))
                .build()).hasMessageContaining("3 channels per symbol on the business endpoint do not fit");
        assertThatThrownBy(() -> c.toBuilder().maxStreamsPerConnection(1).channels(List.of("trades", "candle1m"))
                .endpoint("business", "", 1, 1).build())
                .hasMessageContaining("2 symbols x 1 channels on the business endpoint = 2 streams need at least 2")
                .hasMessageContaining("raise okx.endpoints.business.maxConnections to 2");
    }

    @Test
    void badEndpointSettingsAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> PoolConfig.builder(Venue.OKX).endpoint("private", null, 1, 1).build())
                .hasMessageContaining("okx.endpoints.private: okx has no endpoint \"private\"")
                .hasMessageContaining("public, business");
        assertThatThrownBy(() -> PoolConfig.builder(Venue.OKX).endpoint("public", "ws://x", 1, 1).build())
                .hasMessageContaining("okx.endpoints.public: the primary endpoint is set by okx.url");
        assertThatThrownBy(() -> PoolConfig.builder(Venue.BINANCE).endpoint("business", "", 1, 1).build())
                .hasMessageContaining("binance has no endpoint \"business\" (its endpoints: stream)");
        assertThatThrownBy(() -> PoolConfig.builder(Venue.OKX).symbols(OKX_SYMBOLS)
                .channels(List.of("trades", "candle1m")).endpoint("business", "", 0, 1).build())
                .hasMessageContaining("okx.endpoints.business: pool size needs 1 <= min <= max");
        assertThatThrownBy(() -> PoolConfig.builder(Venue.OKX).url("ws://proxy.local:8080/okx").symbols(OKX_SYMBOLS)
                .channels(List.of("trades", "candle1m")).build())
                .hasMessageContaining("okx.endpoints.business.url: cannot derive")
                .hasMessageContaining("[candle1m]");
        // not derived when nothing lives on it
        assertThat(PoolConfig.builder(Venue.OKX).url("ws://proxy.local:8080/okx").symbols(OKX_SYMBOLS).build()
                .endpoints()).hasSize(1);
    }
}
