package io.tickgate.app.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickgate.app.DemoProcess;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The dashboard in headless Chromium against the real demo ({@code java -jar tickgate.jar demo}): it shows live
 * prices and candles, and when the server is stopped and started again it notices, reconnects and resubscribes by
 * itself, and its data flows again.
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
