package io.tickgate.app.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickgate.app.DemoProcess;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.Kline;
import io.tickgate.model.topic.Interval;
import io.tickgate.store.api.HistoryStore;
import io.tickgate.store.embedded.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Callable;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The dashboard in headless Chromium against the real demo ({@code java -jar tickgate.jar demo}): it shows live
 * prices and candles, and when the server is stopped and started again it notices, reconnects and resubscribes by
 * itself, and its data flows again. On a gateway with history the chart opens on it and loads older candles as the
 * user scrolls to the left.
 */
class DashboardBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String[] DEMO_ARGS = {"--set", "simulator.eventsPerSecond=1500"};

    private HeadlessChromium browser;

    @Test
    @Timeout(180)
    void showsLiveDataAndRecoversFromAServerRestart() throws Exception {
        assertThat(HeadlessChromium.available())
                .as("chromium and chromedriver are installed by scripts/ensure-services.sh (bin/test)").isTrue();
        try (DemoProcess demo = DemoProcess.start(DEMO_ARGS); HeadlessChromium b = new HeadlessChromium()) {
            browser = b;
            browser.open(demo.baseUrl());

            waitFor("connected", () -> browser.text("status").contains("connected"));
            waitFor("price, candles and trades", () -> browser.eval("window.tickgate.lastPrice") != null
                    && number("window.tickgate.candleCount") > 0 && number("window.tickgate.tradeCount") > 0);
            assertThat(browser.text("last-price")).matches(".*\\d.*");
            waitFor("upstream feeds shown up", () -> browser.text("feeds").matches("feeds (\\d+)/\\1 up"));
            assertThat(number("document.querySelectorAll('#chart canvas').length")).isPositive();
            // both sides of the ladder filled (waited for: a book that saw a gap is reset until its fresh snapshot)
            waitFor("both sides of the book", () -> number("document.querySelectorAll('#book-bids .level:not(.empty)')"
                    + ".length") > 0 && number("document.querySelectorAll('#book-asks .level:not(.empty)').length") > 0);

            // the price and the chart keep updating
            long trades = number("window.tickgate.tradeCount");
            Object candleTime = browser.eval("window.tickgate.lastCandleTime");
            waitFor("more trades and a new candle", () -> number("window.tickgate.tradeCount") > trades + 5
                    && !Objects.equals(browser.eval("window.tickgate.lastCandleTime"), candleTime));

            // stop the server: the page sees it; start it again: the page recovers by itself
            long stopMillis = demo.stop();
            assertThat(stopMillis).as("SIGTERM shutdown time").isLessThan(5_000);
            waitFor("disconnect noticed", () -> !browser.text("status").equals("connected"));
            long reconnectedBefore = number("window.tickgate.reconnected");

            demo.restart(DEMO_ARGS);
            waitFor("connected again", () -> browser.text("status").contains("connected"));
            long tradesAfterRestart = number("window.tickgate.tradeCount");
            waitFor("data flowing after the restart", () -> number("window.tickgate.tradeCount") > tradesAfterRestart + 5
                    && number("window.tickgate.candleCount") > 0);
            assertThat(number("window.tickgate.reconnected")).isGreaterThan(reconnectedBefore);
            assertThat(number("document.querySelectorAll('#book-bids .level:not(.empty)').length")).isPositive();
        }
    }

    @Test
    @Timeout(180)
    void opensOnHistoryAndLoadsOlderCandlesWhenScrolledLeft() throws Exception {
        assertThat(HeadlessChromium.available())
                .as("chromium and chromedriver are installed by scripts/ensure-services.sh (bin/test)").isTrue();
        Path db = Files.createTempDirectory("tickgate-history").resolve("history.db");
        long firstSeeded = seedClosedMinuteCandles(db, SEEDED);
        try (DemoProcess demo = DemoProcess.start(DEMO_ARGS[0], DEMO_ARGS[1], "--set", "store.url=" + db);
             HeadlessChromium b = new HeadlessChromium()) {
            browser = b;
            browser.open(demo.baseUrl() + "?symbol=binance.BTCUSDT&interval=1m");

            // one page (500) of the 700 stored candles right after opening, the live open candle last
            waitFor(">= 100 historical candles", () -> number("window.tickgate.historyCandles") >= 100);
            assertThat(number("window.tickgate.candleCount")).isBetween(100L, (long) SEEDED + 2);
            long seededEnd = firstSeeded + SEEDED * 60_000L;
            waitFor("the live open candle after the history", () -> number("window.tickgate.lastCandleTime")
                    >= seededEnd);
            assertThat(browser.eval("window.tickgate.historyError")).isNull();
            long firstPage = number("window.tickgate.firstCandleTime");
            assertThat(firstPage).isGreaterThan(firstSeeded);

            // scroll left until the chart's left edge comes into view: the older candles are loaded
            waitFor("older candles loaded when scrolled left", () -> {
                browser.scrollSideways("chart", -600);
                return number("window.tickgate.firstCandleTime") == firstSeeded;
            });
            long liveMinutes = (number("window.tickgate.lastCandleTime") - seededEnd) / 60_000 + 1;
            assertThat(number("window.tickgate.candleCount")).as("every stored candle once, then the live ones")
                    .isBetween((long) SEEDED, SEEDED + liveMinutes);
            assertThat(number("window.tickgate.historyCandles")).isGreaterThanOrEqualTo(SEEDED - 1);
            waitFor("nothing older", () -> {
                browser.scrollSideways("chart", -600);
                return Boolean.TRUE.equals(browser.eval("window.tickgate.historyExhausted"));
            });
            assertThat(number("window.tickgate.firstCandleTime")).isEqualTo(firstSeeded);
        }
    }

    private static final int SEEDED = 700;

    /**
     * Writes {@code count} closed 1m candles of binance.BTCUSDT (a random walk around the simulator's price) through
     * the store's own API, the newest the minute before the current one; returns the oldest open time.
     */
    private static long seedClosedMinuteCandles(Path db, int count) {
        long current = Interval.M1.floor(System.currentTimeMillis());
        long first = current - count * 60_000L;
        Random random = new Random(14);
        List<Kline> klines = new ArrayList<>();
        double price = 65_000;
        for (int i = 0; i < count; i++) {
            double open = price;
            price = Math.max(1, price + random.nextGaussian() * 25);
            double high = Math.max(open, price) + random.nextDouble() * 10;
            double low = Math.min(open, price) - random.nextDouble() * 10;
            long openTime = first + i * 60_000L;
            klines.add(new Kline("binance", "BTCUSDT", Interval.M1, openTime, d(open), d(high), d(low), d(price),
                    d(1 + random.nextDouble() * 20), 10 + random.nextInt(90), true, openTime + 59_999));
        }
        try (HistoryStore store = SqliteStore.open(db.toString())) {
            store.write(new HistoryStore.Batch(List.of(), klines));
        } catch (Exception e) {
            throw new IllegalStateException("seeding " + db, e);
        }
        return first;
    }

    private static Decimal d(double v) {
        return Decimal.parse(String.format(java.util.Locale.ROOT, "%.2f", v));
    }

    private long number(String expression) {
        return browser.evalLong(expression);
    }

    /** Awaits a condition; on timeout the failure carries the page's state, to say what the page saw. */
    private void waitFor(String what, Callable<Boolean> condition) {
        try {
            await(what).atMost(WAIT).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("timed out waiting for: " + what + "\npage state: "
                    + browser.eval("JSON.stringify({...window.tickgate, topics: (window.tickgate.topics || []).length})") + "\nstatus: " + browser.text("status"), e);
        }
    }
}
