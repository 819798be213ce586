package io.tickgate.app.cli;

import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Trade;
import io.tickgate.store.api.HistoryStore;
import io.tickgate.store.embedded.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tickgate export} reads the configured store and writes the range as CSV; bad options exit 2. */
@Timeout(60)
class ExportCommandTest {

    @Test
    void writesTheTopicsRangeAsCsv(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("h.db");
        try (SqliteStore store = SqliteStore.open(db.toString())) {
            store.write(new HistoryStore.Batch(List.of(
                    new Trade("okx", "BTC-USDT", "11", Decimal.parse("65000.10"), Decimal.parse("0.500"), Side.BUY, 1000),
                    new Trade("okx", "BTC-USDT", "12", Decimal.parse("65000.20"), Decimal.parse("0.250"), Side.SELL, 2000),
                    new Trade("okx", "BTC-USDT", "13", Decimal.parse("65000.30"), Decimal.parse("1"), Side.SELL, 3000)),
                    List.of()));
        }
        Path out = dir.resolve("out.csv");
        int code = new CommandLine(new ExportCommand()).execute("--set", "store.url=" + db, "--topic",
                "okx.BTC-USDT.trade", "--from", "1500", "--to", "3000", "--format", "csv", "--out", out.toString());

        assertThat(code).isZero();
        assertThat(Files.readString(out)).isEqualTo("time,id,price,qty,side\n2000,12,65000.20,0.250,sell\n"
                + "3000,13,65000.30,1,sell\n");
    }

    @Test
    void aBadTopicOrFormatIsRefused(@TempDir Path dir) {
        CommandLine cli = new CommandLine(new ExportCommand());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> e instanceof IllegalArgumentException ? 2 : 1);
        assertThat(cli.execute("--set", "store.url=" + dir.resolve("h.db"), "--topic", "nope")).isEqualTo(2);
        assertThat(cli.execute("--set", "store.url=" + dir.resolve("h.db"), "--topic", "okx.BTC-USDT.trade",
                "--format", "parquet")).isEqualTo(2);
    }
}
