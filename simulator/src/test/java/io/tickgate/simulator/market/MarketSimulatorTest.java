package io.tickgate.simulator.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tickgate.model.book.OrderBook;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.BookTop;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.PriceLevel;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Ticker;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Interval;
import io.tickgate.simulator.instrument.Instrument;
import io.tickgate.simulator.instrument.SymbolFormat;
import io.tickgate.model.venue.Venue;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MarketSimulatorTest {

    private static final long T0 = 1_700_000_000_000L;

    /** Two venues spelled as the shipped ones are. */
    static SimulatorConfig.Builder market() {
        return SimulatorConfig.builder().venue(Venue.BINANCE, SymbolFormat.CONCATENATED)
                .venue(Venue.OKX, SymbolFormat.separated("-"));
    }

    private static List<MarketEvent> run(long seed, int steps, int perStep, long millisPerStep) {
        List<MarketEvent> events = new ArrayList<>();
        try (MarketSimulator sim = new MarketSimulator(market().seed(seed).build(), events::add)) {
            for (int i = 0; i < steps; i++) {
                sim.step(T0 + i * millisPerStep, perStep);
            }
        }
        return events;
    }

    @Test
    void sameSeedAndStepsGiveTheSameEvents() {
        List<MarketEvent> a = run(42, 200, 100, 37);
        List<MarketEvent> b = run(42, 200, 100, 37);
        List<MarketEvent> c = run(43, 200, 100, 37);
        assertThat(a).hasSizeGreaterThan(20_000);
        assertThat(a.toString()).isEqualTo(b.toString());
        assertThat(a.subList(0, 2000).toString()).isNotEqualTo(c.subList(0, 2000).toString());
    }

    @Test
    void fixedRegimesKeepTheSameHotSymbolsBusyForTheWholeRun() {
        List<Map<String, Integer>> halves = List.of(new HashMap<>(), new HashMap<>());
        AtomicLong step = new AtomicLong();
        SimulatorConfig config = SimulatorConfig.builder().venue(Venue.BINANCE, SymbolFormat.CONCATENATED)
                .symbolsPerSource(8).fixedHotSymbols(2).seed(7).build();
        try (MarketSimulator sim = new MarketSimulator(config, e -> {
            if (e instanceof Trade t) {
                halves.get(step.get() < 500 ? 0 : 1).merge(t.symbol(), 1, Integer::sum);
            }
        })) {
            for (int i = 0; i < 1000; i++) {
                step.set(i);
                sim.step(T0 + i * 20L, 40);
            }
        }
        List<String> hot = busiest(halves.get(0), 2);
        assertThat(busiest(halves.get(1), 2)).containsExactlyInAnyOrderElementsOf(hot);
        for (Map<String, Integer> half : halves) {
            assertThat(half).hasSize(8);
            int calmMax = half.entrySet().stream().filter(e -> !hot.contains(e.getKey()))
                    .mapToInt(Map.Entry::getValue).max().orElseThrow();
            assertThat(hot).allMatch(s -> half.get(s) > 4 * calmMax);
        }
        assertThatThrownBy(() -> SimulatorConfig.builder().fixedHotSymbols(-2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHeatedSymbolTradesFarMoreUntilItIsCooled() {
        List<Map<String, Integer>> thirds = List.of(new HashMap<>(), new HashMap<>(), new HashMap<>());
        AtomicLong step = new AtomicLong();
        SimulatorConfig config = SimulatorConfig.builder().venue(Venue.BINANCE, SymbolFormat.CONCATENATED)
                .symbolsPerSource(8).fixedHotSymbols(0).seed(7).build();
        try (MarketSimulator sim = new MarketSimulator(config, e -> {
            if (e instanceof Trade t) {
                thirds.get((int) (step.get() / 500)).merge(t.symbol(), 1, Integer::sum);
            }
        })) {
            String heated = sim.symbols().get(5).symbol();
            assertThatThrownBy(() -> sim.heat("NOSUCHUSDT", true)).isInstanceOf(IllegalArgumentException.class);
            for (int i = 0; i < 1500; i++) {
                step.set(i);
                if (i == 500 || i == 1000) {
                    sim.heat(heated, i == 500); // hot for the second third, calm again for the last
                }
                sim.step(T0 + i * 20L, 40);
            }
            for (int third = 0; third < 3; third++) {
                Map<String, Integer> trades = thirds.get(third);
                int others = trades.entrySet().stream().filter(e -> !e.getKey().equals(heated))
                        .mapToInt(Map.Entry::getValue).max().orElseThrow();
                if (third == 1) {
                    assertThat(trades.get(heated)).as("hot").isGreaterThan(4 * others);
                } else {
                    assertThat(trades.get(heated)).as("calm, third %d", third).isLessThan(2 * others);
                }
            }
        }
    }

    private static List<String> busiest(Map<String, Integer> trades, int n) {
        return trades.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n)
                .map(Map.Entry::getKey).toList();
    }

    @Test
    void listsAtLeast120InstrumentsOverBinanceAndOkx() {
        try (MarketSimulator sim = new MarketSimulator(market().build(), e -> { })) {
            List<Instrument> symbols = sim.symbols();
            assertThat(symbols).hasSizeGreaterThanOrEqualTo(120);
            assertThat(symbols).extracting(Instrument::source).containsOnly("binance", "okx");
            assertThat(symbols.stream().filter(i -> i.venue() == Venue.BINANCE).map(Instrument::symbol))
                    .contains("BTCUSDT", "ETHUSDT").allMatch(s -> s.matches("[A-Z0-9]+"));
            assertThat(symbols.stream().filter(i -> i.venue() == Venue.OKX).map(Instrument::symbol))
                    .contains("BTC-USDT", "ETH-USDT").allMatch(s -> s.matches("[A-Z0-9]+-[A-Z]+"));
            assertThat(symbols.stream().map(i -> i.source() + i.symbol()).distinct()).hasSize(symbols.size());
            Instrument btc = symbols.get(0);
            assertThat(btc.symbol()).isEqualTo("BTCUSDT");
            assertThat(btc.priceScale()).isEqualTo(2);
            assertThat(btc.quantityScale()).isEqualTo(5);
            assertThat(btc.tickSize().toString()).isEqualTo("0.01");
            assertThat(symbols).allMatch(i -> i.priceScale() >= 2 && i.priceScale() <= 8 && i.startTicks() >= 100);
        }
    }

    @Test
    void allCatalogSymbolsCanBeListed() {
        SimulatorConfig cfg = SimulatorConfig.builder().symbolsPerSource(
                io.tickgate.simulator.instrument.InstrumentCatalog.maxPerVenue())
                .venue(Venue.OKX, SymbolFormat.separated("-")).build();
        try (MarketSimulator sim = new MarketSimulator(cfg, e -> { })) {
            assertThat(sim.symbols()).hasSizeGreaterThan(200).allMatch(i -> i.venue() == Venue.OKX);
            assertThat(sim.step(T0, 5000)).isGreaterThanOrEqualTo(5000);
        }
    }

    @Test
    void publishedSnapshotAndDeltasReproduceTheEngineBookAndNeverCross() {
        Map<String, OrderBook> books = new HashMap<>();
        Map<String, Long> lastSequence = new HashMap<>();
        List<String> problems = new ArrayList<>();
        AtomicLong deltas = new AtomicLong();
        SimulatorConfig cfg = market().seed(7).build();
        try (MarketSimulator sim = new MarketSimulator(cfg, e -> {
            String key = e.source() + "." + e.symbol();
            if (e instanceof BookSnapshot s) {
                assertThat(books).doesNotContainKey(key);
                OrderBook b = new OrderBook(e.source(), e.symbol());
                b.replace(s);
                books.put(key, b);
                lastSequence.put(key, s.sequence());
            } else if (e instanceof BookDelta d) {
                OrderBook b = books.get(key);
                if (b == null) {
                    problems.add("delta before snapshot " + key);
                    return;
                }
                if (d.firstSequence() != lastSequence.get(key) + 1 || d.sequence() < d.firstSequence()) {
                    problems.add("sequence " + key + " " + lastSequence.get(key) + " -> " + d);
                }
                lastSequence.put(key, d.sequence());
                b.apply(d);
                deltas.incrementAndGet();
                if (b.isCrossed()) {
                    problems.add("crossed " + key);
                }
            } else if (e instanceof BookTop t) {
                OrderBook b = books.get(key);
                PriceLevel bid = b.bestBid();
                PriceLevel ask = b.bestAsk();
                if (!bid.price().equals(t.bid()) || !bid.size().equals(t.bidQuantity())
                        || !ask.price().equals(t.ask()) || !ask.size().equals(t.askQuantity())) {
                    problems.add("top " + t + " vs " + bid + "/" + ask);
                }
            } else if (e instanceof Trade t) {
                OrderBook b = books.get(key);
                PriceLevel touch = t.side() == Side.BUY ? b.bestAsk() : b.bestBid();
                if (!touch.price().equals(t.price()) || touch.size().compareTo(t.quantity()) < 0) {
                    problems.add("trade off the touch " + t + " touch " + touch);
                }
            }
        })) {
            for (int i = 0; i < 300; i++) {
                sim.step(T0 + i * 20L, 300);
            }
            assertThat(problems).isEmpty();
            assertThat(deltas.get()).isGreaterThan(10_000);
            assertThat(books).hasSize(sim.symbols().size());
            for (Instrument i : sim.symbols()) {
                BookSnapshot engine = sim.book(i.source(), i.symbol()).join();
                OrderBook ref = books.get(i.source() + "." + i.symbol());
                assertThat(ref.sequence()).isEqualTo(engine.sequence());
                assertThat(ref.bids(10_000)).isEqualTo(engine.bids());
                assertThat(ref.asks(10_000)).isEqualTo(engine.asks());
                assertThat(engine.bids()).hasSizeGreaterThanOrEqualTo(50);
                assertThat(ref.bids(10_000).toString()).isEqualTo(engine.bids().toString());
            }
            assertThat(sim.book("binance", "NOPE").join()).isNull();
        }
    }

    @Test
    void tradeIdsIncreaseStrictlyPerSymbolAndKlinesMatchTheTrades() {
        Map<String, Long> lastTradeId = new HashMap<>();
        Map<String, BigDecimal[]> candles = new HashMap<>();   // open high low close volume trades
        Set<String> candlesWithTrades = new HashSet<>();
        Set<String> closedCandles = new HashSet<>();
        List<String> problems = new ArrayList<>();
        AtomicLong tickers = new AtomicLong();
        try (MarketSimulator sim = new MarketSimulator(market().seed(3).build(), e -> {
            String key = e.source() + "." + e.symbol();
            if (e instanceof Trade t) {
                long id = Long.parseLong(t.tradeId());
                Long last = lastTradeId.put(key, id);
                if (last != null && id <= last) {
                    problems.add("trade id " + last + " -> " + id);
                }
                for (Interval iv : List.of(Interval.S1, Interval.M1)) {
                    String ck = key + "." + iv + "." + iv.floor(t.timestamp());
                    candlesWithTrades.add(ck);
                    BigDecimal p = t.price().toBigDecimal();
                    BigDecimal[] c = candles.computeIfAbsent(ck,
                            k -> new BigDecimal[] {p, p, p, p, BigDecimal.ZERO, BigDecimal.ZERO});
                    c[1] = c[1].max(p);
                    c[2] = c[2].min(p);
                    c[3] = p;
                    c[4] = c[4].add(t.quantity().toBigDecimal());
                    c[5] = c[5].add(BigDecimal.ONE);
                }
            } else if (e instanceof Kline k) {
                String ck = key + "." + k.interval() + "." + k.openTime();
                BigDecimal[] c = candles.get(ck);
                if (c == null) {
                    problems.add("kline without trades " + k);
                    return;
                }
                if (c[0].compareTo(k.open().toBigDecimal()) != 0 || c[1].compareTo(k.high().toBigDecimal()) != 0
                        || c[2].compareTo(k.low().toBigDecimal()) != 0
                        || c[3].compareTo(k.close().toBigDecimal()) != 0
                        || c[4].compareTo(k.volume().toBigDecimal()) != 0 || c[5].longValue() != k.trades()) {
                    problems.add("kline " + k + " vs " + List.of(c));
                }
                if (k.closed() && !closedCandles.add(ck)) {
                    problems.add("closed twice " + k);
                }
            } else if (e instanceof Ticker t) {
                tickers.incrementAndGet();
                if (t.high().compareTo(t.low()) < 0 || t.last().compareTo(t.high()) > 0
                        || t.last().compareTo(t.low()) < 0 || t.bid().compareTo(t.ask()) >= 0) {
                    problems.add("ticker " + t);
                }
            }
        })) {
            for (int i = 0; i < 400; i++) {
                sim.step(T0 + i * 250L, 100);   // 100 s of market time
            }
            sim.step(T0 + 400 * 250L + 120_000, 0);  // no trades: candles close by time
            assertThat(problems).isEmpty();
            assertThat(lastTradeId).hasSize(sim.symbols().size());
            assertThat(closedCandles).isEqualTo(candlesWithTrades);
            assertThat(tickers.get()).isGreaterThan(sim.symbols().size());
        }
    }

    @Test
    void pricesAreExactVenueStyleDecimals() {
        List<MarketEvent> events = run(5, 20, 500, 10);
        for (MarketEvent e : events) {
            if (e instanceof Trade t) {
                assertThat(t.price().toString()).matches("\\d+\\.\\d{2,8}");
                assertThat(t.price().signum()).isPositive();
                assertThat(t.quantity().signum()).isPositive();
            }
        }
        Trade first = (Trade) events.stream().filter(e -> e instanceof Trade t && t.symbol().equals("BTCUSDT"))
                .findFirst().orElseThrow();
        assertThat(first.price().toString()).matches("\\d{5}\\.\\d{2}");
        assertThat(first.quantity().toString()).matches("\\d+\\.\\d{5}");
        assertThat(first.price().compareTo(Decimal.parse("60000"))).isPositive();
    }

    @Test
    void driverThreadPublishesAtTheConfiguredRateAndStopsOnClose() {
        AtomicLong count = new AtomicLong();
        MarketSimulator sim = new MarketSimulator(market().eventsPerSecond(2000).build(),
                e -> count.incrementAndGet());
        sim.start();
        assertThatThrownBy(() -> sim.step(T0, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(sim::start).isInstanceOf(IllegalStateException.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> count.get() > 500);
        assertThat(sim.book("binance", "BTCUSDT").orTimeout(5, TimeUnit.SECONDS).join().bids()).isNotEmpty();
        sim.close();
        assertThat(sim.isRunning()).isFalse();
        long after = count.get();
        assertThat(sim.eventsPublished()).isEqualTo(after);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> count.get() == after);
    }

    @Test
    void generatesAHundredThousandEventsPerSecondWithoutErrors() {
        AtomicLong count = new AtomicLong();
        try (MarketSimulator sim = new MarketSimulator(market().eventsPerSecond(100_000).build(),
                e -> count.incrementAndGet())) {
            sim.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> count.get() > 10_000);
            assertThat(sim.isRunning()).isTrue();
            assertThat(sim.sinkFailures()).isZero();
        }
    }

    @Test
    void aThrowingSinkIsCountedAndDoesNotStopTheEngine() {
        AtomicLong calls = new AtomicLong();
        try (MarketSimulator sim = new MarketSimulator(market().build(), e -> {
            if (calls.incrementAndGet() % 3 == 0) {
                throw new IllegalStateException("sink down");
            }
        })) {
            assertThat(sim.step(T0, 3000)).isGreaterThanOrEqualTo(3000);
            assertThat(sim.sinkFailures()).isEqualTo(calls.get() / 3);
        }
    }

    @Test
    void invalidConfigurationIsRejectedClearly() {
        assertThatThrownBy(() -> market().symbolsPerSource(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("symbolsPerSource");
        assertThatThrownBy(() -> market().symbolsPerSource(100_000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> market().eventsPerSecond(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eventsPerSecond");
        assertThatThrownBy(() -> market().bookDepth(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulatorConfig.builder().build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one venue");
        try (MarketSimulator sim = new MarketSimulator(market().build(), e -> { })) {
            assertThatThrownBy(() -> sim.step(T0, -1)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
