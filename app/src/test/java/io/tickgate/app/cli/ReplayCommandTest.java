package io.tickgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

@Timeout(60)
class ReplayCommandTest {

    /** The Binance capture lives with the feed module's test resources (cryptofeed sample data, MIT). */
    private static final Path FIXTURES = Path.of("..", "feed", "src", "test", "resources", "fixtures", "binance");

    /**
     * Through the full pipeline the books are those the adapter and book code alone gave before; the candles are
     * now built from the capture's two trades (1s, 1m, 5m, 15m, 1h: 10 updates, and the 1s and 1m candles closed on
     * the recorded clock), and every topic has its seq.
     */
    /** The capture subscribed aggTrade streams: the replay runs as a pool subscribing them would. */
    static final String[] CAPTURE_CHANNELS = {"--set", "binance.channels=aggTrade,depth@100ms"};

    static final String EXPECTED = "{\"venue\":\"binance\",\"frames\":265,\"skippedLines\":1,\"malformed\":0,\"ignored\":0,\"controls\":"
            + "0,\"bookUpdates\":177,\"duplicates\":0,\"events\":{\"aggTrade\":2,\"bookDelta\":168,\"bookSnapshot\""
            + ":4,\"bookTop\":132,\"kline\":18},\"closedKlines\":{\"1m\":2,\"1s\":2},\"booksSynced\":4,\"resyncs\":"
            + "0,\"gaps\":0,\"checksumsVerified\":0,\"checksumsFailed\":0,\"crossed\":0,\"books\":{\"BLZETH\":{\"sy"
            + "nced\":true,\"bestBid\":\"0.00006547\",\"bestAsk\":\"0.00006560\",\"bidDepth\":173,\"askDepth\":999,"
            + "\"sequence\":281916638},\"LRCBTC\":{\"synced\":true,\"bestBid\":\"0.00000637\",\"bestAsk\":\"0.00000"
            + "638\",\"bidDepth\":176,\"askDepth\":1000,\"sequence\":259345563},\"NKNUSDT\":{\"synced\":true,\"best"
            + "Bid\":\"0.35270000\",\"bestAsk\":\"0.35310000\",\"bidDepth\":614,\"askDepth\":994,\"sequence\":49987"
            + "0179},\"RUNEEUR\":{\"synced\":true,\"bestBid\":\"6.25100000\",\"bestAsk\":\"6.26900000\",\"bidDepth\""
            + ":222,\"askDepth\":468,\"sequence\":15602513}},\"topics\":{\"binance.BLZETH.book\":9,\"binance.BLZETH"
            + ".book.top\":3,\"binance.LRCBTC.aggTrade\":1,\"binance.LRCBTC.book\":13,\"binance.LRCBTC.book.top\":1"
            + "6,\"binance.LRCBTC.kline.15m\":1,\"binance.LRCBTC.kline.1d\":1,\"binance.LRCBTC.kline.1h\":1,\"binan"
            + "ce.LRCBTC.kline.1m\":2,\"binance.LRCBTC.kline.1s\":2,\"binance.LRCBTC.kline.4h\":1,\"binance.LRCBTC."
            + "kline.5m\":1,\"binance.NKNUSDT.aggTrade\":1,\"binance.NKNUSDT.book\":149,\"binance.NKNUSDT.book.top\""
            + ":112,\"binance.NKNUSDT.kline.15m\":1,\"binance.NKNUSDT.kline.1d\":1,\"binance.NKNUSDT.kline.1h\":1,\""
            + "binance.NKNUSDT.kline.1m\":2,\"binance.NKNUSDT.kline.1s\":2,\"binance.NKNUSDT.kline.4h\":1,\"binance"
            + ".NKNUSDT.kline.5m\":1,\"binance.RUNEEUR.book\":1,\"binance.RUNEEUR.book.top\":1}}";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = new CommandLine(new ReplayCommand());
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        return cmd.execute(args);
    }

    @Test
    void binanceCaptureWithRestSnapshotsPrintsTheExpectedSummary() throws Exception {
        int code = run("--venue", "binance", FIXTURES.resolve("BINANCE.ws.1.0").toString(),
                "--rest", FIXTURES.resolve("BINANCE.http.0.0").toString(), CAPTURE_CHANNELS[0], CAPTURE_CHANNELS[1]);
        assertThat(code).as(err.toString()).isZero();
        String printed = out.toString().strip();
        assertThat(printed.lines()).hasSize(1);
        JsonNode s = new ObjectMapper().readTree(printed);
        assertThat(s.get("venue").asText()).isEqualTo("binance");
        assertThat(s.get("frames").asLong()).isEqualTo(265);
        assertThat(s.get("malformed").asLong()).isZero();
        assertThat(s.get("booksSynced").asLong()).isEqualTo(4);
        assertThat(s.get("resyncs").asLong()).isZero();
        assertThat(s.get("gaps").asLong()).isZero();
        assertThat(s.get("checksumsVerified").asLong()).isZero();
        assertThat(s.get("checksumsFailed").asLong()).isZero();
        JsonNode events = s.get("events");
        assertThat(events.get("aggTrade").asLong()).isEqualTo(2); // the capture's trades are aggregated ones
        assertThat(events.get("kline").asLong()).isEqualTo(18); // built from the aggregated trades (was: the venue's 2)
        assertThat(events.get("bookSnapshot").asLong()).isEqualTo(4);
        assertThat(events.get("bookDelta").asLong()).isEqualTo(168);
        JsonNode books = s.get("books");
        assertThat(books.size()).isEqualTo(4);
        for (String symbol : new String[] {"NKNUSDT", "BLZETH", "LRCBTC", "RUNEEUR"}) {
            JsonNode b = books.get(symbol);
            assertThat(b.get("synced").asBoolean()).as(symbol).isTrue();
            assertThat(b.get("bestBid").asText()).as(symbol).isNotBlank();
            assertThat(new java.math.BigDecimal(b.get("bestBid").asText()))
                    .isLessThan(new java.math.BigDecimal(b.get("bestAsk").asText()));
            assertThat(b.get("bidDepth").asInt()).as(symbol).isPositive();
        }
        // The whole summary, exactly. The final tops of NKNUSDT, BLZETH and LRCBTC equal the last bookTicker the
        // venue sent for them in the same capture (an independent check); RUNEEUR has no bookTicker.
        assertThat(printed).isEqualTo(EXPECTED);
    }

    @Test
    void withoutRestTheBooksAreUnsynced() throws Exception {
        assertThat(run("--venue", "BINANCE", FIXTURES.resolve("BINANCE.ws.1.0").toString())).isZero();
        JsonNode s = new ObjectMapper().readTree(out.toString());
        assertThat(s.get("booksSynced").asLong()).isZero();
        assertThat(s.get("books").get("NKNUSDT").get("synced").asBoolean()).isFalse();
        assertThat(s.get("books").get("NKNUSDT").get("bestBid").isNull()).isTrue();
    }

    @Test
    void serveReplaysIntoAGatewayAndExitsWhenDone() throws Exception {
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        try {
            int code = run("--venue", "binance", FIXTURES.resolve("BINANCE.ws.1.0").toString(),
                    "--rest", FIXTURES.resolve("BINANCE.http.0.0").toString(),
                    "--serve", "--fast", "--exit-when-done", "--port", "0", CAPTURE_CHANNELS[0], CAPTURE_CHANNELS[1]);
            assertThat(code).as(err.toString()).isZero();
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before); // --serve installs the fail-fast handler
        }
        assertThat(out.toString().strip()).isEqualTo(EXPECTED); // the same replay, published into the gateway
    }

    @Test
    void badArgumentsGetAClearErrorAndANonZeroExit() {
        assertThat(run("--venue", "kraken", FIXTURES.resolve("BINANCE.ws.1.0").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("unknown venue");
        assertThat(run("--venue", "okx", "no-such-file")).isEqualTo(2);
        assertThat(err.toString()).contains("cannot read frames file");
        assertThat(run("--venue", "okx")).isNotZero(); // picocli usage error
        assertThat(run("--venue", "binance", FIXTURES.resolve("BINANCE.ws.1.0").toString(), "--serve", "--speed",
                "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--speed must be a positive number");
        assertThat(out.toString()).isEmpty();
    }
}
