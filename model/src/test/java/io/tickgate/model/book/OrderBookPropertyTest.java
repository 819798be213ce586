package io.tickgate.model.book;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.PriceLevel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Random operation sequences against a naive reference book (an unsorted map, sorted on every read) must give
 * identical books: same levels, same order, same text, same best, same crossed flag.
 */
@Timeout(60)
class OrderBookPropertyTest {

    /** The naive reference: a hash map keyed by the numeric price, sorted when read. */
    static final class NaiveBook {
        final Map<BigDecimal, PriceLevel> bids = new HashMap<>();
        final Map<BigDecimal, PriceLevel> asks = new HashMap<>();
        long sequence;

        static BigDecimal key(Decimal d) {
            return d.toBigDecimal().stripTrailingZeros();
        }

        void set(Map<BigDecimal, PriceLevel> side, PriceLevel l) {
            if (l.size().isZero()) {
                side.remove(key(l.price()));
            } else {
                PriceLevel old = side.get(key(l.price()));
                // the book keeps the first text of a price and the latest size
                side.put(key(l.price()), new PriceLevel(old == null ? l.price() : old.price(), l.size()));
            }
        }

        List<PriceLevel> sorted(Map<BigDecimal, PriceLevel> side, boolean descending) {
            List<PriceLevel> out = new ArrayList<>(side.values());
            Comparator<PriceLevel> c = Comparator.comparing(l -> key(l.price()));
            out.sort(descending ? c.reversed() : c);
            return out;
        }
    }

    private static PriceLevel level(Random r, boolean allowZero) {
        // a small grid of prices so levels collide; several spellings of the same number
        int ticks = 90 + r.nextInt(21);
        String price = switch (r.nextInt(3)) {
            case 0 -> BigDecimal.valueOf(ticks, 1).toPlainString();
            case 1 -> BigDecimal.valueOf(ticks * 10L, 2).toPlainString();
            default -> BigDecimal.valueOf(ticks * 1000L, 4).toPlainString();
        };
        String size = allowZero && r.nextInt(4) == 0
                ? (r.nextBoolean() ? "0" : "0.000")
                : BigDecimal.valueOf(1 + r.nextInt(100_000), r.nextInt(6)).toPlainString();
        return PriceLevel.of(price, size);
    }

    private static List<PriceLevel> levels(Random r, int max, boolean allowZero) {
        List<PriceLevel> out = new ArrayList<>();
        int n = r.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            out.add(level(r, allowZero));
        }
        return out;
    }

    @Test
    void randomOperationSequencesMatchTheNaiveBook() {
        for (int seed = 0; seed < 300; seed++) {
            Random r = new Random(seed);
            OrderBook book = new OrderBook("sim", "X");
            NaiveBook ref = new NaiveBook();
            for (int op = 0; op < 300; op++) {
                int kind = r.nextInt(100);
                if (kind < 3) {
                    List<PriceLevel> bids = levels(r, 30, false);
                    List<PriceLevel> asks = levels(r, 30, false);
                    book.replace(new BookSnapshot("sim", "X", bids, asks, op, op));
                    ref.bids.clear();
                    ref.asks.clear();
                    bids.forEach(l -> ref.set(ref.bids, l));
                    asks.forEach(l -> ref.set(ref.asks, l));
                    ref.sequence = op;
                } else if (kind < 5) {
                    book.clear();
                    ref.bids.clear();
                    ref.asks.clear();
                    ref.sequence = 0;
                } else if (kind < 60) {
                    List<PriceLevel> bids = levels(r, 6, true);
                    List<PriceLevel> asks = levels(r, 6, true);
                    book.apply(new BookDelta("sim", "X", bids, asks, op, op, op));
                    bids.forEach(l -> ref.set(ref.bids, l));
                    asks.forEach(l -> ref.set(ref.asks, l));
                    ref.sequence = op;
                } else if (kind < 80) {
                    PriceLevel l = level(r, true);
                    book.setBid(l.price(), l.size());
                    ref.set(ref.bids, l);
                } else {
                    PriceLevel l = level(r, true);
                    book.setAsk(l.price(), l.size());
                    ref.set(ref.asks, l);
                }
                List<PriceLevel> expBids = ref.sorted(ref.bids, true);
                List<PriceLevel> expAsks = ref.sorted(ref.asks, false);
                String ctx = "seed " + seed + " op " + op;
                assertThat(book.bidDepth()).as(ctx).isEqualTo(expBids.size());
                assertThat(book.askDepth()).as(ctx).isEqualTo(expAsks.size());
                assertThat(book.sequence()).as(ctx).isEqualTo(ref.sequence);
                assertThat(book.bestBid()).as(ctx).isEqualTo(expBids.isEmpty() ? null : expBids.get(0));
                assertThat(book.bestAsk()).as(ctx).isEqualTo(expAsks.isEmpty() ? null : expAsks.get(0));
                assertThat(book.isCrossed()).as(ctx).isEqualTo(!expBids.isEmpty() && !expAsks.isEmpty()
                        && key(expBids.get(0)).compareTo(key(expAsks.get(0))) >= 0);
                if (op % 10 == 0 || op == 299) {
                    assertThat(text(book.bids(Integer.MAX_VALUE))).as(ctx).isEqualTo(text(expBids));
                    assertThat(text(book.asks(Integer.MAX_VALUE))).as(ctx).isEqualTo(text(expAsks));
                    int depth = r.nextInt(5) + 1;
                    assertThat(text(book.snapshot(depth).bids())).as(ctx)
                            .isEqualTo(text(expBids.subList(0, Math.min(depth, expBids.size()))));
                }
            }
        }
    }

    private static BigDecimal key(PriceLevel l) {
        return NaiveBook.key(l.price());
    }

    private static List<String> text(List<PriceLevel> levels) {
        List<String> out = new ArrayList<>();
        for (PriceLevel l : levels) {
            out.add(l.price() + "@" + l.size());
        }
        return out;
    }
}
