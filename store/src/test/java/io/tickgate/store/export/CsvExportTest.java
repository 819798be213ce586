package io.tickgate.store.export;

import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.PriceLevel;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Interval;
import io.tickgate.model.topic.Topic;
import io.tickgate.store.api.HistoryStore;
import io.tickgate.store.embedded.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.tickgate.store.api.TestRows.kline;
import static io.tickgate.store.api.TestRows.trade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CSV export: every row of the range once, across pages, in order; decimals as stored; odd ids quoted. */
@Timeout(60)
class CsvExportTest {

    private static final long T0 = 1_764_000_000_000L;

    @Test
    void exportsEveryTradeOfTheRangeAcrossPages(@TempDir Path dir) throws Exception {
        try (SqliteStore store = SqliteStore.open(dir.resolve("h.db").toString())) {
            List<Trade> trades = new ArrayList<>();
            for (int i = 0; i < CsvExport.PAGE + 345; i++) {
                trades.add(trade("BTCUSDT", 50_000 + i, T0 + i / 2));
            }
            store.write(new HistoryStore.Batch(trades, List.of()));
            StringWriter out = new StringWriter();
            long n = CsvExport.export(store, Topic.parse("binance.BTCUSDT.trade"), T0 + 1, T0 + 100_000, out);

            String[] lines = out.toString().split("\n");
            assertThat(n).isEqualTo(trades.size() - 2);
            assertThat(lines).hasSize(trades.size() - 1);
            assertThat(lines[0]).isEqualTo("time,id,price,qty,side");
            Trade first = trades.get(2);
            assertThat(lines[1]).isEqualTo(first.timestamp() + ",50002," + first.price() + ",0.00100000,buy");
            assertThat(lines[lines.length - 1]).startsWith(trades.get(trades.size() - 1).timestamp() + ",");
        }
    }

    @Test
    void exportsCandlesAndQuotesOddIds(@TempDir Path dir) throws Exception {
        try (SqliteStore store = SqliteStore.open(dir.resolve("h.db").toString())) {
            Kline k = kline("BTCUSDT", Interval.M1, T0);
            Trade odd = new Trade("binance", "BTCUSDT", "a,\"b\"", k.open(), k.volume(), trade("X", 1, 0).side(), T0);
            store.write(new HistoryStore.Batch(List.of(odd), List.of(k)));

            StringWriter candles = new StringWriter();
            CsvExport.export(store, Topic.parse("binance.BTCUSDT.kline.1m"), 0, T0, candles);
            assertThat(candles.toString()).isEqualTo("openTime,closeTime,open,high,low,close,volume,trades\n"
                    + T0 + "," + (T0 + 59_999) + ",100.10,101.00,99.50,100.20,12.34000000,42\n");

            StringWriter trades = new StringWriter();
            CsvExport.export(store, Topic.parse("binance.BTCUSDT.trade"), 0, T0, trades);
            assertThat(trades.toString()).endsWith(T0 + ",\"a,\"\"b\"\"\",100.10,12.34000000,sell\n");
            assertThatThrownBy(() -> CsvExport.export(store, Topic.parse("binance.BTCUSDT.ticker"), 0, T0,
                    new StringWriter())).hasMessageContaining("--topic");
        }
    }

    @Test
    void exportsBookSnapshotsOneLinePerLevel(@TempDir Path dir) throws Exception {
        try (SqliteStore store = SqliteStore.open(dir.resolve("h.db").toString())) {
            BookSnapshot b = new BookSnapshot("binance", "BTCUSDT", List.of(PriceLevel.of("100.10", "1.50")),
                    List.of(PriceLevel.of("100.20", "2"), PriceLevel.of("100.30", "0.10")), 77, T0);
            store.write(new HistoryStore.Batch(List.of(), List.of(), List.of(b)));

            StringWriter out = new StringWriter();
            long n = CsvExport.export(store, Topic.parse("binance.BTCUSDT.book"), 0, T0, out);
            assertThat(n).isEqualTo(1);
            assertThat(out.toString()).isEqualTo("time,sequence,side,level,price,size\n"
                    + T0 + ",77,bid,0,100.10,1.50\n" + T0 + ",77,ask,0,100.20,2\n" + T0 + ",77,ask,1,100.30,0.10\n");
        }
    }
}
