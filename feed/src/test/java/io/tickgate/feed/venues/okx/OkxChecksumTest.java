package io.tickgate.feed.venues.okx;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickgate.model.book.OrderBook;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.PriceLevel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class OkxChecksumTest {

    @Test
    void documentedVectors() {
        // OKX v5 docs, "Checksum", example 1 (more than 25 levels; 2 shown)
        List<PriceLevel> bids = List.of(PriceLevel.of("3366.1", "7"), PriceLevel.of("3366", "6"));
        List<PriceLevel> asks = List.of(PriceLevel.of("3366.8", "9"), PriceLevel.of("3368", "8"));
        assertThat(OkxChecksum.checkString(bids, asks)).isEqualTo("3366.1:7:3366.8:9:3366:6:3368:8");
        assertThat(OkxChecksum.of(bids, asks)).isEqualTo(-1881014294);
        assertThat(OkxChecksum.crc("3366.1:7:3366.8:9:3366:6:3368:8")).isEqualTo(-1881014294);

        // example 2 (fewer than 25 levels on one side): the shorter side is skipped once it runs out.
        // 831078360 was computed independently (Python zlib.crc32 of the documented string).
        List<PriceLevel> bids2 = List.of(PriceLevel.of("3366.1", "7"));
        List<PriceLevel> asks2 = List.of(PriceLevel.of("3366.8", "9"), PriceLevel.of("3368", "8"),
                PriceLevel.of("3372", "8"));
        assertThat(OkxChecksum.checkString(bids2, asks2)).isEqualTo("3366.1:7:3366.8:9:3368:8:3372:8");
        assertThat(OkxChecksum.of(bids2, asks2)).isEqualTo(831078360);
    }

    @Test
    void onlyTheTop25LevelsCountAndTextIsKeptExactly() {
        List<PriceLevel> bids = new ArrayList<>();
        List<PriceLevel> asks = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            bids.add(PriceLevel.of("100." + (99 - i) + "0", "1.50"));
            asks.add(PriceLevel.of("101." + (10 + i), "2"));
        }
        OrderBook book = new OrderBook("okx", "BTC-USDT");
        book.replace(new BookSnapshot("okx", "BTC-USDT", bids, asks, 1, 0));
        assertThat(OkxChecksum.of(book)).isEqualTo(OkxChecksum.of(bids.subList(0, 25), asks.subList(0, 25)));
        assertThat(OkxChecksum.checkString(book.bids(25), book.asks(25))).startsWith("100.990:1.50:101.10:2:");
    }
}
