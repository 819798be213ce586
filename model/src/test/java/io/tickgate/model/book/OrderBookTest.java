package io.tickgate.model.book;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.PriceLevel;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderBookTest {

    @Test
    void appliesSnapshotThenDeltas() {
        OrderBook book = new OrderBook("sim", "AAPL");
        book.replace(new BookSnapshot("sim", "AAPL",
                List.of(PriceLevel.of("100.0", "1"), PriceLevel.of("99.5", "2")),
                List.of(PriceLevel.of("100.5", "3")), 10, 1));
        book.apply(new BookDelta("sim", "AAPL",
                List.of(PriceLevel.of("100.00", "0"), PriceLevel.of("99.9", "4")),
                List.of(PriceLevel.of("100.2", "5")), 11, 11, 2));
        assertThat(book.bids(10)).containsExactly(PriceLevel.of("99.9", "4"), PriceLevel.of("99.5", "2"));
        assertThat(book.asks(10)).containsExactly(PriceLevel.of("100.2", "5"), PriceLevel.of("100.5", "3"));
        assertThat(book.sequence()).isEqualTo(11);
        assertThat(book.isCrossed()).isFalse();
        assertThat(book.top().bid().toString()).isEqualTo("99.9");
        book.setBid(book.bestAsk().price(), PriceLevel.of("1", "1").size());
        assertThat(book.isCrossed()).isTrue();
    }
}
