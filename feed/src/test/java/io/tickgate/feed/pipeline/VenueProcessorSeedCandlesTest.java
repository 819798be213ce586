package io.tickgate.feed.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickgate.feed.venue.Venues;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Channel;
import io.tickgate.model.topic.Interval;
import io.tickgate.model.venue.Venue;
import io.tickgate.processing.book.BookSyncConfig;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real {@link VenueProcessor} continues a candle from an earlier run's part of it (backfill on start): published at
 * once, and the next trade's candle counts both runs' trades. A part for another venue is not this one's.
 */
@Timeout(30)
class VenueProcessorSeedCandlesTest {

    /** Decades ahead, so the processor's clock never closes the candle during the test. */
    private static final long MINUTE = Interval.M1.floor(4_000_000_000_000L);
    private final List<MarketEvent> published = new CopyOnWriteArrayList<>();

    @Test
    void theEarlierPartIsMergedAndPublished() {
        try (VenueProcessor p = new VenueProcessor(Venue.BINANCE, new ProcessorConfig(1024, Set.of(Interval.M1),
                BookSyncConfig.defaults(), Channel.TRADE), published::add, Venues.adapter(Venue.BINANCE)::bookSync,
                null, null)) {
            p.offer(new FeedItem.Own(1, List.of("BTCUSDT")));
            p.seedCandles(List.of(part("okx", "99"), part("binance", "100")));
            await().atMost(Duration.ofSeconds(10)).until(() -> klines().size() == 1);
            assertThat(klines().get(0).open()).isEqualTo(Decimal.parse("100"));

            p.offer(new FeedItem.Event(1, new Trade("binance", "BTCUSDT", "7", Decimal.parse("120"),
                    Decimal.parse("2"), Side.BUY, MINUTE + 30_000)));
            await().atMost(Duration.ofSeconds(10)).until(() -> klines().size() == 2);
            Kline k = klines().get(1);
            assertThat(List.of(k.open(), k.high(), k.low(), k.close(), k.volume())).isEqualTo(List.of(
                    Decimal.parse("100"), Decimal.parse("120"), Decimal.parse("95"), Decimal.parse("120"),
                    Decimal.parse("5")));
            assertThat(k.trades()).isEqualTo(5);
        }
    }

    private List<Kline> klines() {
        return published.stream().filter(e -> e instanceof Kline).map(e -> (Kline) e).toList();
    }

    private static Kline part(String source, String open) {
        return new Kline(source, "BTCUSDT", Interval.M1, MINUTE, Decimal.parse(open), Decimal.parse("110"),
                Decimal.parse("95"), Decimal.parse("105"), Decimal.parse("3"), 4, false, MINUTE + 20_000);
    }
}
