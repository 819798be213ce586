package io.tickgate.app.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickgate.app.DemoProcess;
import java.time.Duration;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The dashboard in headless Chromium against the real demo ({@code java -jar tickgate.jar demo}): it shows live
 * prices and candles, and when the server is stopped and started again it notices, reconnects and resubscribes by
 * itself, and its data flows again.
 */
class DashboardBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    @Timeout(180)
    void showsLiveDataAndRecoversFromAServerRestart() throws Exception {
        assertThat(HeadlessChromium.available())
                .as("chromium and chromedriver are installed by scripts/ensure-services.sh (bin/test)").isTrue();
        try (DemoProcess demo = DemoProcess.start("--set", "simulator.eventsPerSecond=1500");
             HeadlessChromium browser = new HeadlessChromium()) {
            browser.open(demo.baseUrl());
            org.awaitility.Awaitility.setDefaultConditionEvaluationListener(c -> {
                if (c.getRemainingTimeInMS() <= c.getPollInterval().toMillis()) {
                    System.err.println("page state: " + browser.eval("JSON.stringify(window.tickgate)"));
                }
            });

            await().atMost(WAIT).until(() -> browser.text("status").contains("connected"));
            await().atMost(WAIT).until(() -> browser.eval("window.tickgate.lastPrice") != null
                    && browser.evalLong("window.tickgate.candleCount") > 0
                    && browser.evalLong("window.tickgate.tradeCount") > 0);
            assertThat(browser.text("last-price")).matches(".*\\d.*");
            assertThat(browser.evalLong("document.querySelectorAll('#chart canvas').length")).isPositive();
            assertThat(browser.evalLong("document.querySelectorAll('#book-bids > *').length")).isPositive();
            assertThat(browser.evalLong("document.querySelectorAll('#book-asks > *').length")).isPositive();

            // the price and the chart keep updating
            long trades = browser.evalLong("window.tickgate.tradeCount");
            Object candleTime = browser.eval("window.tickgate.lastCandleTime");
            await().atMost(WAIT).until(() -> browser.evalLong("window.tickgate.tradeCount") > trades + 5
                    && !Objects.equals(browser.eval("window.tickgate.lastCandleTime"), candleTime));

            // stop the server: the page sees it; start it again: the page recovers by itself
            long stopMillis = demo.stop();
            assertThat(stopMillis).as("SIGTERM shutdown time").isLessThan(5_000);
            await().atMost(WAIT).until(() -> !browser.text("status").equals("connected"));
            long reconnectsBefore = browser.evalLong("window.tickgate.reconnects");

            demo.restart("--set", "simulator.eventsPerSecond=1500");
            await().atMost(WAIT).until(() -> browser.text("status").contains("connected"));
            long tradesAfterRestart = browser.evalLong("window.tickgate.tradeCount");
            await().atMost(WAIT).until(() -> browser.evalLong("window.tickgate.tradeCount") > tradesAfterRestart + 5
                    && browser.evalLong("window.tickgate.candleCount") > 0);
            assertThat(browser.evalLong("window.tickgate.reconnects")).isGreaterThan(reconnectsBefore);
            assertThat(browser.evalLong("document.querySelectorAll('#book-bids > *').length")).isPositive();
        }
    }
}
