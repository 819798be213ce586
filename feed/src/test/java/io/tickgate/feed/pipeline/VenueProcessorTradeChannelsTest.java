package io.tickgate.feed.pipeline;

import io.tickgate.feed.venue.Venues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.tickgate.model.venue.Venue;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Channel;
import io.tickgate.model.topic.Interval;
import io.tickgate.processing.book.BookSyncConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real {@link VenueProcessor}: raw trades and aggregated trades of one symbol, arriving interleaved with id spaces
 * of their own, are all published, each on its own topic, and candles of every configured interval are built from
 * one kind only.
 */
@Timeout(30)
class VenueProcessorTradeChannelsTest {

    private static final long SESSION = 1;
    private final List<MarketEvent> published = new CopyOnWriteArrayList<>();

    /** Trades carry times decades ahead, so the processor's clock never closes their candles during a test. */
    private static Trade trade(long id, String qty, long ts, boolean aggregated) {
        return new Trade("binance", "BTCUSDT", Long.toString(id), Decimal.parse("100"), Decimal.parse(qty), Side.BUY,
                ts, aggregated);
    }

    private VenueProcessor processor(Set<Interval> intervals, Channel candleSource) {
        VenueProcessor p = new VenueProcessor(Venue.BINANCE, new ProcessorConfig(1024, intervals,
                BookSyncConfig.defaults(), candleSource), published::add, Venues.adapter(Venue.BINANCE)::bookSync, null,
                null);
        p.offer(new FeedItem.Own(SESSION, List.of("BTCUSDT")));
        return p;
    }

    private Kline lastKline() {
        return (Kline) published.stream().filter(e -> e instanceof Kline).reduce((a, b) -> b)
                .orElse(new Kline("binance", "BTCUSDT", Interval.M1, 0, Decimal.ZERO, Decimal.ZERO, Decimal.ZERO,
                        Decimal.ZERO, Decimal.ZERO, 0, false, 0));
    }

    private List<String> ids(Channel channel) {
        return published.stream().filter(e -> e instanceof Trade && e.channel() == channel)
                .map(e -> ((Trade) e).tradeId()).collect(Collectors.toList());
    }

    @Test
    void rawAndAggregatedTradesOfOneSymbolAreAllDeliveredOnTheirOwnTopics() {
        try (VenueProcessor p = processor(Set.of(Interval.M1), Channel.TRADE)) {
            // Binance: raw trade ids are far above aggregated-trade ids; both streams interleave on one socket
            List<String> raw = new ArrayList<>();
            List<String> agg = new ArrayList<>();
            long ts = 4_000_000_000_000L;
            for (int i = 0; i < 50; i++) {
                p.offer(new FeedItem.Event(SESSION, trade(3_000_000_000L + 2 * i, "1", ts + i, false)));
                p.offer(new FeedItem.Event(SESSION, trade(3_000_000_001L + 2 * i, "1", ts + i, false)));
                p.offer(new FeedItem.Event(SESSION, trade(1_500_000_000L + i, "2", ts + i, true)));
                raw.add(Long.toString(3_000_000_000L + 2 * i));
                raw.add(Long.toString(3_000_000_001L + 2 * i));
                agg.add(Long.toString(1_500_000_000L + i));
            }
            // a replayed aggregated trade (e.g. a make-before-break overlap) is still a duplicate
            p.offer(new FeedItem.Event(SESSION, trade(1_500_000_049L, "2", ts + 49, true)));
            p.offer(new FeedItem.Event(SESSION, trade(3_000_000_100L, "1", ts + 50, false))); // a last marker
            raw.add("3000000100");
            await().atMost(Duration.ofSeconds(10)).until(() -> ids(Channel.TRADE).size() == 101);

            assertThat(ids(Channel.TRADE)).containsExactlyElementsOf(raw);
            assertThat(ids(Channel.AGG_TRADE)).containsExactlyElementsOf(agg);
            assertThat(p.duplicates()).isEqualTo(1);
            assertThat(published).filteredOn(e -> e instanceof Trade).extracting(e -> e.topic().toString())
                    .containsOnly("binance.BTCUSDT.trade", "binance.BTCUSDT.aggTrade");

            // the candle counts the raw trades only: 101 trades of 1, not also 50 aggregates of 2
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(lastKline().trades()).isEqualTo(101));
            assertThat(lastKline().volume()).isEqualTo(Decimal.parse("101"));
        }
    }

    @Test
    void withOnlyAggregatedTradesCandlesComeFromThem() {
        try (VenueProcessor p = processor(Set.of(Interval.M1), Channel.AGG_TRADE)) {
            p.offer(new FeedItem.Event(SESSION, trade(7, "2", 4_000_000_000_000L, true)));
            p.offer(new FeedItem.Event(SESSION, trade(8, "3", 4_000_000_000_001L, true)));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(lastKline().trades()).isEqualTo(2));
            assertThat(ids(Channel.AGG_TRADE)).containsExactly("7", "8");
            assertThat(lastKline().volume()).isEqualTo(Decimal.parse("5"));
        }
    }

    @Test
    void everyDefaultIntervalIsBuiltFromTradesOnUtcBoundaries() {
        assertThat(ProcessorConfig.defaults().klineIntervals()).containsExactlyInAnyOrder(Interval.values());
        try (VenueProcessor p = processor(ProcessorConfig.defaults().klineIntervals(), Channel.TRADE)) {
            long ts = Instant.parse("2096-03-05T13:47:21.345Z").toEpochMilli();
            p.offer(new FeedItem.Event(SESSION, trade(1, "1", ts, false)));
            await().atMost(Duration.ofSeconds(10)).until(() -> published.stream()
                    .filter(e -> e instanceof Kline).count() >= Interval.values().length);
            assertThat(published).filteredOn(e -> e instanceof Kline)
                    .extracting(e -> e.topic().toString(), e -> Instant.ofEpochMilli(((Kline) e).openTime()).toString())
                    .contains(tuple("binance.BTCUSDT.kline.1s", "2096-03-05T13:47:21Z"),
                            tuple("binance.BTCUSDT.kline.1m", "2096-03-05T13:47:00Z"),
                            tuple("binance.BTCUSDT.kline.5m", "2096-03-05T13:45:00Z"),
                            tuple("binance.BTCUSDT.kline.15m", "2096-03-05T13:45:00Z"),
                            tuple("binance.BTCUSDT.kline.1h", "2096-03-05T13:00:00Z"),
                            tuple("binance.BTCUSDT.kline.4h", "2096-03-05T12:00:00Z"),
                            tuple("binance.BTCUSDT.kline.1d", "2096-03-05T00:00:00Z"));
        }
    }
}
