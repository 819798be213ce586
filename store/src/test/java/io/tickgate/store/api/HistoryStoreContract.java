package io.tickgate.store.api;

import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.PriceLevel;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Channel;
import io.tickgate.model.topic.Interval;
import io.tickgate.model.topic.Topic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static io.tickgate.store.api.TestRows.kline;
import static io.tickgate.store.api.TestRows.trade;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suite every backend passes: write, read ranges, idempotent retries, pagination, retention; trades, candles and
 * book snapshots.
 */
@Timeout(60)
public abstract class HistoryStoreContract {

    static final long DAY = 86_400_000L;
    static final long T0 = 1_764_000_000_000L - 1_764_000_000_000L % DAY; // a UTC midnight in 2025
    static final Topic BTC_TRADES = Topic.parse("binance.BTCUSDT.trade");
    static final Topic BTC_1M = Topic.parse("binance.BTCUSDT.kline.1m");
    static final Topic BTC_BOOK = Topic.parse("binance.BTCUSDT.book");

    protected HistoryStore store;

    /** Opens the backend on an empty database. */
    protected abstract HistoryStore open() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = open();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void readsBackExactlyWhatWasWrittenWithinTheRange() throws Exception {
        List<Trade> trades = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            trades.add(trade("BTCUSDT", 1000 + i, T0 + i * 10));
        }
        trades.add(trade("ETHUSDT", 5, T0 + 50)); // another topic, same time
        store.write(new HistoryStore.Batch(trades, List.of()));

        List<Trade> got = store.trades(BTC_TRADES, T0 + 100, T0 + 190, null, 1000);
        assertThat(got).containsExactlyElementsOf(trades.subList(10, 20));
        assertThat(got.get(0).price().toString()).isEqualTo(trades.get(10).price().toString());
        assertThat(got.get(0).quantity().toString()).isEqualTo("0.00100000");
        assertThat(store.trades(BTC_TRADES, T0, T0 + 10_000, null, 7)).hasSize(7);
        assertThat(store.trades(Topic.parse("okx.BTC-USDT.trade"), T0, T0 + 10_000, null, 10)).isEmpty();
        assertThat(store.trades(BTC_TRADES.withChannel(Channel.AGG_TRADE), T0, T0 + 10_000, null, 10)).isEmpty();
    }

    @Test
    void aRetriedBatchStoresNothingTwice() throws Exception {
        List<Trade> trades = List.of(trade("BTCUSDT", 1, T0), trade("BTCUSDT", 2, T0), trade("BTCUSDT", 3, T0 + 1));
        List<Kline> klines = List.of(kline("BTCUSDT", Interval.M1, T0), kline("BTCUSDT", Interval.M1, T0 + 60_000));
        store.write(new HistoryStore.Batch(trades, klines));
        store.write(new HistoryStore.Batch(trades, klines));
        store.write(new HistoryStore.Batch(List.of(trades.get(2), trade("BTCUSDT", 4, T0 + 2)), klines.subList(1, 2)));

        assertThat(store.trades(BTC_TRADES, T0, T0 + 10, null, 100)).extracting(Trade::tradeId)
                .containsExactly("1", "2", "3", "4");
        assertThat(store.klines(BTC_1M, T0, T0 + DAY, 100)).containsExactlyElementsOf(klines);
    }

    @Test
    void aCandleClosedAgainWithMoreTradesReplacesTheStoredOne() throws Exception {
        Kline first = kline("BTCUSDT", Interval.M1, T0);
        Kline next = kline("BTCUSDT", Interval.M1, T0 + 60_000);
        store.write(new HistoryStore.Batch(List.of(), List.of(first, next)));
        // backfilled trades corrected the first candle: published closed again, the last version counts
        Kline corrected = corrected(first, 73);
        store.write(new HistoryStore.Batch(List.of(), List.of(corrected)));
        assertThat(store.klines(BTC_1M, T0, T0 + DAY, 100)).containsExactly(corrected, next);

        // both versions in one batch (one statement may not update a row twice): the later one
        Kline again = corrected(corrected, 80);
        store.write(new HistoryStore.Batch(List.of(), List.of(corrected(corrected, 75), next, again)));
        assertThat(store.klines(BTC_1M, T0, T0 + DAY, 100)).containsExactly(again, next);
        // a retry of the same batch changes nothing
        store.write(new HistoryStore.Batch(List.of(), List.of(corrected(corrected, 75), next, again)));
        assertThat(store.klines(BTC_1M, T0, T0 + DAY, 100)).containsExactly(again, next);
    }

    private static Kline corrected(Kline k, long trades) {
        return new Kline(k.source(), k.symbol(), k.interval(), k.openTime(), k.open(),
                Decimal.of(k.high().toBigDecimal().add(BigDecimal.valueOf(trades))), k.low(), k.close(), k.volume(),
                trades, true, k.timestamp() + trades);
    }

    @Test
    void cursorPagesCoverARangeWithNoRowMissingOrRepeated() throws Exception {
        List<Trade> trades = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            trades.add(trade("BTCUSDT", 10_000 + i, T0 + i / 7)); // 7 trades per millisecond
        }
        store.write(new HistoryStore.Batch(trades, List.of()));

        List<Trade> paged = new ArrayList<>();
        TradeCursor cursor = null;
        for (int page = 0; page < 100; page++) {
            List<Trade> got = store.trades(BTC_TRADES, T0, T0 + 1000, cursor, 13);
            paged.addAll(got);
            if (got.size() < 13) {
                break;
            }
            Trade last = got.get(got.size() - 1);
            cursor = TradeCursor.decode(new TradeCursor(last.timestamp(), last.tradeId()).encode());
        }
        assertThat(paged).containsExactlyElementsOf(trades);
    }

    @Test
    void klineRangesAndTheLatestCandles() throws Exception {
        List<Kline> klines = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            klines.add(kline("BTCUSDT", Interval.M1, T0 + i * 60_000L));
        }
        store.write(new HistoryStore.Batch(List.of(), klines));
        store.write(new HistoryStore.Batch(List.of(), List.of(kline("BTCUSDT", Interval.M5, T0))));

        assertThat(store.klines(BTC_1M, T0 + 60_000, T0 + 180_000, 500)).containsExactlyElementsOf(klines.subList(1, 4));
        assertThat(store.klines(BTC_1M, T0, T0 + DAY, 5)).containsExactlyElementsOf(klines.subList(0, 5));
        assertThat(store.lastKlines(BTC_1M, Long.MAX_VALUE, 3)).containsExactlyElementsOf(klines.subList(27, 30));
        assertThat(store.lastKlines(BTC_1M, T0 + 60_000 * 10, 2)).containsExactlyElementsOf(klines.subList(9, 11));
        assertThat(store.klines(Topic.parse("binance.BTCUSDT.kline.5m"), T0, T0 + DAY, 10)).hasSize(1);
    }

    @Test
    void retentionDropsOldDataAndKeepsRecent() throws Exception {
        long old = T0 - 40 * DAY;
        store.write(new HistoryStore.Batch(List.of(trade("BTCUSDT", 1, old), trade("BTCUSDT", 2, T0)),
                List.of(kline("BTCUSDT", Interval.M1, old - 400 * DAY), kline("BTCUSDT", Interval.M1, T0))));

        store.dropBefore(T0 - DAY, T0 - 100 * DAY);

        assertThat(store.trades(BTC_TRADES, old - DAY, T0 + DAY, null, 10)).extracting(Trade::tradeId)
                .containsExactly("2");
        assertThat(store.klines(BTC_1M, 0, T0 + DAY, 10)).extracting(Kline::openTime).containsExactly(T0);
        store.write(new HistoryStore.Batch(List.of(trade("BTCUSDT", 3, old)), List.of())); // a late row still goes in
        assertThat(store.trades(BTC_TRADES, old - DAY, T0 + DAY, null, 10)).hasSize(2);
    }

    @Test
    void tradesOfOneMillisecondAreOrderedByTheBytesOfTheirIds() throws Exception {
        Trade t = trade("X", 1, T0);
        List<Trade> trades = new ArrayList<>();
        for (String id : List.of("b", "B", "a-1", "A_2", "é", "10", "9")) {
            trades.add(new Trade("okx", "BTC-USDT", id, t.price(), t.quantity(), t.side(), T0));
        }
        store.write(new HistoryStore.Batch(trades, List.of()));
        Topic topic = Topic.parse("okx.BTC-USDT.trade");
        assertThat(store.trades(topic, T0, T0, null, 10)).extracting(Trade::tradeId)
                .containsExactly("10", "9", "A_2", "B", "a-1", "b", "é");
        assertThat(store.trades(topic, T0, T0, new TradeCursor(T0, "B"), 10)).extracting(Trade::tradeId)
                .containsExactly("a-1", "b", "é");
    }

    @Test
    void tradeIdsWithSeparatorsAreStoredUnchanged() throws Exception {
        Trade odd = new Trade("okx", "BTC-USDT", "a\tb\\c\nd,e\"f", trade("X", 1, T0).price(),
                trade("X", 1, T0).quantity(), trade("X", 1, T0).side(), T0);
        store.write(new HistoryStore.Batch(List.of(odd), List.of()));
        assertThat(store.trades(Topic.parse("okx.BTC-USDT.trade"), T0, T0, null, 10)).containsExactly(odd);
    }

    @Test
    void bookSnapshotsReadBackExactlyWithinTheRangeOnceEachAndAgeOut() throws Exception {
        List<BookSnapshot> books = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            books.add(book("BTCUSDT", T0 + i * 1_000L, 100 + i));
        }
        books.add(book("ETHUSDT", T0 + 2_000, 7));
        store.write(new HistoryStore.Batch(List.of(), List.of(), books));
        store.write(new HistoryStore.Batch(List.of(), List.of(), books.subList(3, 6))); // a retry

        List<BookSnapshot> got = store.books(BTC_BOOK, T0 + 2_000, T0 + 5_000, 100);
        assertThat(got).containsExactlyElementsOf(books.subList(2, 6));
        assertThat(got.get(0).bids().get(0).price().toString()).isEqualTo("65000.10");
        assertThat(got.get(0).asks().get(1).size().toString()).isEqualTo("0.50000000");
        assertThat(store.books(BTC_BOOK, T0, T0 + DAY, 3)).containsExactlyElementsOf(books.subList(0, 3));
        assertThat(store.books(Topic.parse("binance.BTCUSDT.book"), T0 - DAY, T0 - 1, 10)).isEmpty();

        store.write(new HistoryStore.Batch(List.of(), List.of(), List.of(book("BTCUSDT", T0 - 40 * DAY, 1))));
        store.dropBefore(T0 - DAY, 0);
        assertThat(store.books(BTC_BOOK, 0, T0 + DAY, 100)).hasSize(10);
    }

    private static BookSnapshot book(String symbol, long ts, long sequence) {
        return new BookSnapshot("binance", symbol,
                List.of(PriceLevel.of("65000.10", "1.20000000"), PriceLevel.of("64999.00", "0.3")),
                List.of(PriceLevel.of("65000.20", "2"), PriceLevel.of("65001.00", "0.50000000")), sequence, ts);
    }
}
