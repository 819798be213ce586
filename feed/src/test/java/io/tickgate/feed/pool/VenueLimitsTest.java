package io.tickgate.feed.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickgate.model.venue.Venue;
import io.tickgate.simulator.venue.ServerControls;
import io.tickgate.simulator.venue.ServerControls.UpgradeAttempt;
import io.tickgate.simulator.venue.VenueSimulator;
import io.tickgate.simulator.venue.VenueSimulatorConfig;
import io.tickgate.simulator.venue.fault.DropMode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The venues' "slow down" answers, as the simulator gives them, are waited out: OKX 60014 on subscribe requests,
 * Binance HTTP 429 with {@code Retry-After} on connect (injected, and earned by a pool whose attempt budget is above
 * the venue's), Binance close 1008 for too many incoming messages. Attempt times are measured on the simulator.
 */
class VenueLimitsTest {

    @Test
    @Timeout(60)
    void okxTooFrequentIsWaitedOutUntilEverySubscriptionAndBookResubscriptionIsAcknowledged() {
        VenueSimulator sim = VenueSimulator.start(VenueSimulatorConfig.builder().seed(31).symbolsPerSource(12)
                .eventsPerSecond(1000).build());
        ServerControls okx = sim.controls(Venue.OKX);
        sim.faults(Venue.OKX).rateLimitRequests(3000);
        try (PoolFixture f = new PoolFixture(sim, null, b -> b)) {
            await().atMost(Duration.ofSeconds(30)).until(f.pools::ready);
            FeedPool pool = f.pools.pools().get(0);
            // each connection's one subscribe request was refused at least once, then sent again after a pause
            assertThat(okx.tooFrequentAnswers()).as("60014 answers").isBetween(2L, 6L);
            assertThat(pool.rejectedSubscriptions()).isZero();
            assertThat(pool.reconnects()).isZero();
            long t0 = System.currentTimeMillis();
            await().atMost(Duration.ofSeconds(20)).until(() -> f.deliveringSince(t0).size() == 12
                    && f.bookSnapshots.size() == 12);

            // a book gap while requests are refused: the book's resubscription (unsubscribe + subscribe) waits too
            Map<String, Integer> before = new HashMap<>(f.bookSnapshots);
            long refusedBefore = okx.tooFrequentAnswers();
            sim.faults(Venue.OKX).rateLimitRequests(2500);
            assertThat(sim.faults(Venue.OKX).skipSequence(1, 1)).isEqualTo(1);
            await().atMost(Duration.ofSeconds(20)).until(() -> f.resyncedSince(before).size() == 1);
            assertThat(okx.tooFrequentAnswers()).as("the resubscription met 60014").isGreaterThan(refusedBefore);
            assertThat(pool.processor().bookCounters().gaps()).isEqualTo(1);
            assertThat(pool.reconnects()).isZero();
            assertThat(f.pools.ready()).isTrue();
        }
    }

    @Test
    @Timeout(90)
    void binance429RetryAfterIsWaitedOutByEveryConnectionOfTheVenue() {
        // the venue allows 4 attempts per 6 s; the pool is configured to allow itself 100
        VenueSimulator sim = VenueSimulator.start(VenueSimulatorConfig.builder().seed(32).symbolsPerSource(12)
                .eventsPerSecond(1000).binanceConnectLimit(4, 6000).build());
        ServerControls binance = sim.controls(Venue.BINANCE);
        try (PoolFixture f = new PoolFixture(sim, b -> b.connectLimit(100, 6000), null)) {
            await().atMost(Duration.ofSeconds(30)).until(f.pools::ready);

            // injected: 429 with Retry-After while both connections come back from a drop
            sim.faults(Venue.BINANCE).rateLimit(2500);
            sim.faults(Venue.BINANCE).drop(0, DropMode.RST);
            await().atMost(Duration.ofSeconds(30)).until(() -> f.pools.pools().get(0).reconnects() >= 2
                    && f.pools.ready());
            assertThat(count(binance.upgrades(), 429)).as("429s from the fault").isPositive();

            // earned: drop until the pool runs into the venue's own attempt limit
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (binance.connectAttemptsOverLimit() > 0) {
                    return true;
                }
                if (f.pools.ready()) {
                    sim.faults(Venue.BINANCE).drop(0, DropMode.RST);
                }
                return false;
            });
            await().atMost(Duration.ofSeconds(30)).until(f.pools::ready);
            long t0 = System.currentTimeMillis();
            await().atMost(Duration.ofSeconds(20)).until(() -> f.deliveringSince(t0).size() == 12);

            List<UpgradeAttempt> log = binance.upgrades();
            assertRetryAfterRespected(log);
            // the pool stops at the venue's answer: only attempts already on their way can find the window full
            assertThat(binance.connectAttemptsOverLimit()).isBetween(1L, 2L);
        }
    }

    @Test
    @Timeout(60)
    void aBinanceCloseForTooManyMessagesLowersTheBudgetAndTheConnectionRecovers() {
        // the venue allows 2 incoming messages per second; the pool's default budget is 4 per 1.1 s, and 100 symbols
        // with 8 streams each do not fit in the URL, so the rest go by SUBSCRIBE: 4 messages at once
        VenueSimulator sim = VenueSimulator.start(VenueSimulatorConfig.builder().seed(33).symbolsPerSource(100)
                .eventsPerSecond(500).maxIncomingMessagesPerSecond(2).build());
        ServerControls binance = sim.controls(Venue.BINANCE);
        try (PoolFixture f = new PoolFixture(sim, b -> b.connections(1, 1).channels(List.of("trade", "aggTrade",
                "kline_1m", "kline_1s", "bookTicker", "depth@100ms", "depth5@100ms", "ticker")), null)) {
            await().atMost(Duration.ofSeconds(40)).until(f.pools::ready);
            FeedPool pool = f.pools.pools().get(0);
            assertThat(binance.messageLimitCloses()).as("1008 closes").isBetween(1L, 2L);
            assertThat(pool.controlBudget()).isLessThanOrEqualTo(2);
            assertThat(pool.reconnects()).isEqualTo(binance.messageLimitCloses());
            // no hammering: one attempt per close, plus the first
            assertThat(count(binance.upgrades(), 101)).isEqualTo(binance.messageLimitCloses() + 1);
            long t0 = System.currentTimeMillis();
            await().atMost(Duration.ofSeconds(20)).until(() -> f.deliveringSince(t0).size() == 100);
            assertThat(binance.messageLimitCloses()).as("no further 1008 once the budget is lowered")
                    .isEqualTo(pool.reconnects());
        }
    }

    @Test
    @Timeout(90)
    void theLoweredBudgetRisesBackAfterAQuietPeriodAndNewSocketsUseIt() {
        // as above, with a 3 s recovery period checked every 100 ms (and reconnects within 2 s, so a closed socket
        // comes back at the lowered budget): the budget lowered by the 1008s comes back to the configured 4 while
        // the open socket keeps its lowered one (no further 1008); a new socket gets 4 again
        VenueSimulator sim = VenueSimulator.start(VenueSimulatorConfig.builder().seed(34).symbolsPerSource(100)
                .eventsPerSecond(500).maxIncomingMessagesPerSecond(2).build());
        ServerControls binance = sim.controls(Venue.BINANCE);
        try (PoolFixture f = new PoolFixture(sim, b -> b.connections(1, 1).channels(List.of("trade", "aggTrade",
                "kline_1m", "kline_1s", "bookTicker", "depth@100ms", "depth5@100ms", "ticker"))
                .backoff(1_000, 2_000).controlRecoveryMillis(3_000).autoscale(4_000, 400, 60_000, 100), null)) {
            FeedPool pool = f.pools.pools().get(0);
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(20))
                    .until(() -> pool.controlBudget() < 4);
            await().atMost(Duration.ofSeconds(40)).until(f.pools::ready);
            long closes = binance.messageLimitCloses();
            assertThat(closes).as("1008 closes").isBetween(1L, 2L);

            await().atMost(Duration.ofSeconds(30)).until(() -> pool.controlBudget() == 4);
            assertThat(binance.messageLimitCloses()).as("the open socket kept its lowered budget").isEqualTo(closes);
            assertThat(pool.reconnects()).isEqualTo(closes);

            // a new socket sends at the raised budget again: the venue closes it, and the budget is halved again
            sim.faults(Venue.BINANCE).drop(0, DropMode.RST);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> binance.messageLimitCloses() > closes && pool.controlBudget() < 4);
            await().atMost(Duration.ofSeconds(40)).until(f.pools::ready);
            assertThat(binance.messageLimitCloses()).as("then lowered again, no loop of 1008s")
                    .isBetween(closes + 1, closes + 2);
        }
    }

    private static long count(List<UpgradeAttempt> log, int status) {
        return log.stream().filter(a -> a.status() == status).count();
    }

    /**
     * After a 429 with {@code Retry-After: r} at time t, no upgrade request arrives in (t + 50 ms, t + r s): only a
     * request another connection had already sent may arrive right after the 429.
     */
    private static void assertRetryAfterRespected(List<UpgradeAttempt> log) {
        for (UpgradeAttempt limited : log) {
            if (limited.status() != 429) {
                continue;
            }
            long from = limited.atMillis() + 50;
            long until = limited.atMillis() + limited.retryAfterSeconds() * 1000;
            for (UpgradeAttempt a : log) {
                assertThat(a.atMillis() > from && a.atMillis() < until)
                        .as("attempt at %d, %d ms after a 429 with Retry-After %d s", a.atMillis(),
                                a.atMillis() - limited.atMillis(), limited.retryAfterSeconds())
                        .isFalse();
            }
        }
    }
}
