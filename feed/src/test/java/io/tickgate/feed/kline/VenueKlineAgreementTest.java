package io.tickgate.feed.kline;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickgate.feed.venues.binance.BinanceFrameDecoder;
import io.tickgate.feed.venues.binance.BinanceSink;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Interval;
import io.tickgate.processing.kline.KlineAggregator;
import io.tickgate.simulator.instrument.Instrument;
import io.tickgate.model.venue.Venue;
import io.tickgate.simulator.venue.VenueSimulator;
import io.tickgate.simulator.venue.VenueSimulatorConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Where a venue also sends klines, ours agree with theirs: over one real combined-stream connection to the simulated
 * Binance, the venue's closed {@code kline_1s} candles equal the candles our {@link KlineAggregator} builds from the
 * {@code trade} stream of the same connection (open, high, low, close, volume, trade count), for every interval
 * entirely covered by the connection.
 */
class VenueKlineAgreementTest {

    @Test
    @Timeout(60)
    void ourKlinesFromTradesEqualTheVenueKlines() throws Exception {
        try (VenueSimulator sim = VenueSimulator.start(VenueSimulatorConfig.builder().seed(11).symbolsPerSource(10)
                .eventsPerSecond(3000).build())) {
            List<String> symbols = sim.symbols(Venue.BINANCE).stream().map(Instrument::symbol).limit(6).toList();
            String streams = symbols.stream().map(s -> s.toLowerCase(Locale.ROOT))
                    .flatMap(s -> java.util.stream.Stream.of(s + "@trade", s + "@kline_1s"))
                    .collect(Collectors.joining("/"));
            ConcurrentLinkedQueue<String> frames = new ConcurrentLinkedQueue<>();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + sim.port(Venue.BINANCE) + "/stream?streams=" + streams),
                            new Collector(frames))
                    .get(10, TimeUnit.SECONDS);
            Thread.sleep(7_000);
            ws.abort();

            Map<String, KlineAggregator> ours = new HashMap<>();
            Map<String, TreeMap<Long, Kline>> oursByOpen = new HashMap<>();
            Map<String, TreeMap<Long, Kline>> theirs = new HashMap<>();
            Map<String, Long> firstTrade = new HashMap<>();
            BinanceFrameDecoder decoder = new BinanceFrameDecoder();
            BinanceSink sink = new BinanceSink() {
                @Override
                public void onEvent(MarketEvent e) {
                    if (e instanceof Trade t) {
                        firstTrade.putIfAbsent(t.symbol(), t.timestamp());
                        for (Kline k : ours.computeIfAbsent(t.symbol(),
                                s -> new KlineAggregator("binance", s, Set.of(Interval.S1))).onTrade(t)) {
                            oursByOpen.computeIfAbsent(k.symbol(), s -> new TreeMap<>()).put(k.openTime(), k);
                        }
                    } else if (e instanceof Kline k && k.closed()) {
                        theirs.computeIfAbsent(k.symbol(), s -> new TreeMap<>()).put(k.openTime(), k);
                    }
                }

                @Override
                public void onDepthUpdate(BookDelta delta) {
                }
            };
            for (String f : frames) {
                decoder.decode(f, sink);
            }

            int compared = 0;
            for (String symbol : symbols) {
                Long first = firstTrade.get(symbol);
                if (first == null || !theirs.containsKey(symbol)) {
                    continue;
                }
                long firstFullInterval = Interval.S1.floor(first) + Interval.S1.millis();
                for (Kline venue : theirs.get(symbol).tailMap(firstFullInterval).values()) {
                    Kline mine = oursByOpen.getOrDefault(symbol, new TreeMap<>()).get(venue.openTime());
                    assertThat(mine).as("our candle for %s at %d", symbol, venue.openTime()).isNotNull();
                    assertThat(List.of(mine.open(), mine.high(), mine.low(), mine.close(), mine.volume()))
                            .as("%s %d OHLCV", symbol, venue.openTime())
                            .isEqualTo(List.of(venue.open(), venue.high(), venue.low(), venue.close(), venue.volume()));
                    assertThat(mine.trades()).as("%s %d trades", symbol, venue.openTime()).isEqualTo(venue.trades());
                    compared++;
                }
            }
            assertThat(compared).as("closed venue candles compared").isGreaterThanOrEqualTo(10);
            System.out.println("venue kline_1s candles compared with ours: " + compared);
        }
    }

    /** Collects text frames (reassembling partial ones). */
    private static final class Collector implements WebSocket.Listener {
        private final ConcurrentLinkedQueue<String> frames;
        private final StringBuilder partial = new StringBuilder();

        Collector(ConcurrentLinkedQueue<String> frames) {
            this.frames = frames;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, java.nio.ByteBuffer message) {
            webSocket.request(1);
            return webSocket.sendPong(message);
        }
    }
}
