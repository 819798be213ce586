package io.tickgate.store.ingest;

import io.tickgate.bus.api.TopicImage;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.PriceLevel;
import io.tickgate.model.topic.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Periodic book snapshots: top N of the book as folded, once per interval boundary, only from a full book on. */
@Timeout(10)
class BookSamplerTest {

    private static final Topic BOOK = Topic.parse("binance.BTCUSDT.book");

    private final AtomicLong clock = new AtomicLong(10_000);
    private final List<BookSnapshot> stored = new ArrayList<>();
    private final BookSampler sampler = new BookSampler(2, 1_000, stored::add, clock::get);

    @Test
    void samplesTheTopLevelsOncePerIntervalFromTheFirstFullBookOn() {
        sampler.event(BOOK, delta(1, List.of(PriceLevel.of("99", "1")), List.of()));
        assertThat(stored).as("no full book yet").isEmpty();

        sampler.event(BOOK, snapshot(2));
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).bids()).containsExactly(PriceLevel.of("100.0", "1"), PriceLevel.of("99.5", "2"));
        assertThat(stored.get(0).asks()).containsExactly(PriceLevel.of("100.5", "1"), PriceLevel.of("101.0", "3"));

        clock.set(10_900);
        sampler.event(BOOK, delta(3, List.of(PriceLevel.of("100.0", "0")), List.of()));
        assertThat(stored).as("same interval").hasSize(1);

        clock.set(11_000);
        sampler.event(BOOK, delta(4, List.of(), List.of(PriceLevel.of("100.4", "7"))));
        assertThat(stored).hasSize(2);
        BookSnapshot second = stored.get(1);
        assertThat(second.sequence()).isEqualTo(4);
        assertThat(second.bids()).containsExactly(PriceLevel.of("99.5", "2"), PriceLevel.of("99.0", "4"));
        assertThat(second.asks()).containsExactly(PriceLevel.of("100.4", "7"), PriceLevel.of("100.5", "1"));
    }

    @Test
    void anImageStartsTheBookForANodeThatJoinsLate() {
        sampler.onImage(new TopicImage(BOOK, "ep", 9, List.of(snapshot(2),
                delta(3, List.of(PriceLevel.of("99.9", "5")), List.of()))));
        assertThat(stored).isEmpty();
        sampler.event(BOOK, delta(4, List.of(), List.of(PriceLevel.of("101.0", "0"))));
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).bids()).containsExactly(PriceLevel.of("100.0", "1"), PriceLevel.of("99.9", "5"));
        assertThat(stored.get(0).asks()).containsExactly(PriceLevel.of("100.5", "1"), PriceLevel.of("102.0", "1"));
    }

    private static BookSnapshot snapshot(long seq) {
        return new BookSnapshot("binance", "BTCUSDT",
                List.of(PriceLevel.of("100.0", "1"), PriceLevel.of("99.5", "2"), PriceLevel.of("99.0", "4")),
                List.of(PriceLevel.of("100.5", "1"), PriceLevel.of("101.0", "3"), PriceLevel.of("102.0", "1")),
                seq, 1_000 + seq);
    }

    private static BookDelta delta(long seq, List<PriceLevel> bids, List<PriceLevel> asks) {
        return new BookDelta("binance", "BTCUSDT", bids, asks, seq, seq, 1_000 + seq);
    }
}
