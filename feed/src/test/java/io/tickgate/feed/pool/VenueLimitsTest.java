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
 * Binance HTTP 429 with {@code Retry-After} on connect (injected, and the venue's own for an attempt over its limit,
 * which the pool's higher budget does not stop), waited out by every connection of the venue, Binance close 1008 for
 * too many incoming messages. Attempt times are measured on the simulator; the steps are driven by what the
 * simulator and the pool report (a 429 logged, the pool holding its attempts), not by how fast the machine is.
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
        // the venue allows 10 attempts per 6 s, the pool allows itself 100: only the venue's 429 can stop it. Its two
        // connections come back from a drop within 1 s (backoff 200 ms .. 1 s), well inside any Retry-After below
        VenueSimulator sim = VenueSimulator.start(VenueSimulatorConfig.builder().seed(32).symbolsPerSource(12)
                .eventsPerSecond(1000).venue(Venue.BINANCE, "connectAttempts", 10)
                .venue(Venue.BINANCE, "connectWindowMillis", 6000).build());
        ServerControls binance = sim.controls(Venue.BINANCE);
        try (PoolFixture f = new PoolFixture(sim, b -> b.connections(2, 2).connectLimit(100, 6000)
                .backoff(200, 1000), null)) {
            await().atMost(Duration.ofSeconds(30)).until(f.pools::ready);
            FeedPool pool = f.pools.pools().get(0);

            // injected: 429 with Retry-After (the rateLimit fault) to the first connection coming back from a drop
            sim.faults(Venue.BINANCE).rateLimit(4000);
            UpgradeAttempt injected = dropOneThenTheOtherWhileHeld(f, pool);
            assertThat(binance.connectAttemptsOverLimit()).as("the fault's 429s are not the venue's limit").isZero();

            // earned: the venue's own limit, its budget used up (as by other clients behind the same address), so
            // the pool's next attempt is over it and gets the venue's own 429 with Retry-After until the window ends
            sim.faults(Venue.BINANCE).exhaustConnectAttempts();
            UpgradeAttempt earned = dropOneThenTheOtherWhileHeld(f, pool);
            long t0 = System.currentTimeMillis();
            await().atMost(Duration.ofSeconds(20)).until(() -> f.deliveringSince(t0).size() == 12);

            List<UpgradeAttempt> log = binance.upgrades();
            assertRetryAfterRespected(log);
            // after each 429 both connections came back once (after the Retry-After, as checked above): the one
            // that met the 429 and the one dropped while the pool held the venue's attempts
            int i = log.indexOf(injected);
            int e = log.indexOf(earned);
            assertThat(log.subList(i + 1, e)).extracting(UpgradeAttempt::status).containsExactly(101, 101);
            assertThat(log.subList(e + 1, log.size())).extracting(UpgradeAttempt::status).containsExactly(101, 101);
            // the pool stops at the venue's answer: the one attempt that met the full window, nothing after it
            assertThat(binance.connectAttemptsOverLimit()).isOne();
            assertThat(count(log, 429)).isEqualTo(2);
        }
    }

    @Test
    @Timeout(90)
    void a429ToARotationSocketHoldsTheVenueUntilRetryAfterWhileTheCurrentSocketStays() {
        // connections live 4 s for the pool (rotated at 2.8–3.2 s); the venue's budget is used up for 15 s, so the
        // next rotation's socket meets the venue's own 429 with Retry-After of 12 s or more
        VenueSimulator sim = VenueSimulator.start(VenueSimulatorConfig.builder().seed(35).symbolsPerSource(12)
                .eventsPerSecond(1000).venue(Venue.BINANCE, "connectAttempts", 10)
                .venue(Venue.BINANCE, "connectWindowMillis", 15_000).build());
        ServerControls binance = sim.controls(Venue.BINANCE);
        try (PoolFixture f = new PoolFixture(sim, b -> b.connections(1, 1).connectLimit(100, 6000)
                .lifetimeMillis(4_000), null)) {
            await().atMost(Duration.ofSeconds(30)).until(f.pools::ready);
            FeedPool pool = f.pools.pools().get(0);
            sim.faults(Venue.BINANCE).exhaustConnectAttempts();
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10))
                    .until(() -> count(binance.upgrades(), 429) == 1);
            // the venue's "wait" holds the venue's attempts, whichever socket met it (here not the current one)
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                    .until(() -> pool.connectHoldMillis() > 0);
            long rotations = pool.rotations();
            await().atMost(Duration.ofSeconds(40)).until(() -> pool.rotations() > rotations);

            assertRetryAfterRespected(binance.upgrades());
            assertThat(binance.connectAttemptsOverLimit()).isOne();
            assertThat(pool.reconnects()).as("the current socket stayed meanwhile").isZero();
        }
    }

    @Test
    @Timeout(60)
    void aBinanceCloseForTooManyMessagesLowersTheBudgetAndTheConnectionRecovers() {
        // the venue allows 2 incoming messages per second; the pool's default budget is 4 per 1.1 s, and 100 symbols
        // with 8 streams each do not fit in the URL, so the rest go by SUBSCRIBE: 4 messages at once
        VenueSimulator sim = VenueSimulator.start(VenueSimulatorConfig.builder().seed(33).symbolsPerSource(100)
                .eventsPerSecond(500).venue(Venue.BINANCE, "maxIncomingMessagesPerSecond", 2).build());
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
                .eventsPerSecond(500).venue(Venue.BINANCE, "maxIncomingMessagesPerSecond", 2).build());
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

    /**
     * Drops one Binance connection; once its attempt to come back met a 429 and the pool holds the venue's attempts,
     * drops the other while the hold lasts: it must wait out the Retry-After too. Returns the 429, once both
     * connections are back and the pools ready.
     */
    private static UpgradeAttempt dropOneThenTheOtherWhileHeld(PoolFixture f, FeedPool pool) {
        ServerControls binance = f.sim.controls(Venue.BINANCE);
        int before = binance.upgrades().size();
        assertThat(f.sim.faults(Venue.BINANCE).drop(1, DropMode.RST)).isOne();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10))
                .until(() -> pool.connectHoldMillis() > 0);
        assertThat(f.sim.faults(Venue.BINANCE).drop(0, DropMode.RST)).as("the other connection").isPositive();
        List<UpgradeAttempt> log = binance.upgrades();
        assertThat(log.subList(before, log.size())).as("the dropped connection's attempt")
                .extracting(UpgradeAttempt::status).containsExactly(429);
        UpgradeAttempt limited = log.get(before);
        await().atMost(Duration.ofSeconds(30)).until(() -> binance.upgrades().size() >= before + 3);
        await().atMost(Duration.ofSeconds(30)).until(f.pools::ready);
        return limited;
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
