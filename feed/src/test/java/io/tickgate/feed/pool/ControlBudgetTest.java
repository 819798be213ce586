package io.tickgate.feed.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickgate.feed.connection.SlidingWindowLimiter;
import io.tickgate.model.venue.Venue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The control budget's rule, on a clock the test moves: halve per 1008, double back per quiet period, capped. */
@Timeout(10)
class ControlBudgetTest {

    private static final long PERIOD = 600_000;

    private final AtomicLong clock = new AtomicLong(1_000_000);

    @Test
    void tightenedTwiceThenRaisedOneStepPerQuietPeriodUpToTheConfiguredBudget() {
        ControlBudget b = new ControlBudget(4, PERIOD, clock::get);
        assertThat(b.relax()).as("nothing to raise").isZero();
        assertThat(b.tighten()).isEqualTo(2);
        assertThat(b.tighten()).isEqualTo(1);
        assertThat(b.tighten()).as("never below 1").isEqualTo(1);

        clock.addAndGet(PERIOD - 1);
        assertThat(b.relax()).as("the period is not over").isZero();
        assertThat(b.current()).isEqualTo(1);
        clock.addAndGet(1);
        assertThat(b.relax()).isEqualTo(2);
        assertThat(b.current()).isEqualTo(2);
        assertThat(b.relax()).as("one step per period").isZero();

        clock.addAndGet(PERIOD / 2);
        assertThat(b.relax()).isZero();
        clock.addAndGet(PERIOD / 2);
        assertThat(b.relax()).isEqualTo(4);
        clock.addAndGet(10 * PERIOD);
        assertThat(b.relax()).as("capped at the configured budget").isZero();
        assertThat(b.current()).isEqualTo(4);
    }

    @Test
    void doublingStopsAtTheConfiguredBudgetWhenItIsNotAPowerOfTwo() {
        ControlBudget b = new ControlBudget(5, PERIOD, clock::get);
        assertThat(b.tighten()).isEqualTo(2);
        clock.addAndGet(PERIOD);
        assertThat(b.relax()).isEqualTo(4);
        clock.addAndGet(PERIOD);
        assertThat(b.relax()).isEqualTo(5);
        clock.addAndGet(PERIOD);
        assertThat(b.relax()).isZero();
        assertThat(b.current()).isEqualTo(5);
    }

    @Test
    void aLaterCloseHalvesAgainAndRestartsTheQuietPeriod() {
        ControlBudget b = new ControlBudget(8, PERIOD, clock::get);
        b.tighten();                        // 4
        clock.addAndGet(PERIOD);
        assertThat(b.relax()).isEqualTo(8);
        b.tighten();                        // 4
        clock.addAndGet(PERIOD - 100);
        assertThat(b.tighten()).isEqualTo(2); // just before the period ends
        clock.addAndGet(100);
        assertThat(b.relax()).as("the period restarted at the last close").isZero();
        clock.addAndGet(PERIOD - 101);
        assertThat(b.relax()).isZero();
        clock.addAndGet(1);
        assertThat(b.relax()).isEqualTo(4);
        // a close right after a raise: the next step waits a whole period from that close
        clock.addAndGet(PERIOD / 3);
        assertThat(b.tighten()).isEqualTo(2);
        clock.addAndGet(PERIOD - 1);
        assertThat(b.relax()).isZero();
        clock.addAndGet(1);
        assertThat(b.relax()).isEqualTo(4);
    }

    @Test
    void aRecoveryPeriodOfZeroNeverRaisesTheBudget() {
        ControlBudget b = new ControlBudget(4, 0, clock::get);
        assertThat(b.tighten()).isEqualTo(2);
        for (int i = 0; i < 5; i++) {
            clock.addAndGet(24 * 3_600_000L);
            assertThat(b.relax()).isZero();
        }
        assertThat(b.current()).isEqualTo(2);
        assertThatThrownBy(() -> new ControlBudget(4, -1, clock::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ControlBudget(0, PERIOD, clock::get))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void newSocketsGetTheBudgetInForceAndOpenOnesKeepTheirs() {
        PoolConfig config = PoolConfig.builder(Venue.BINANCE).controlLimit(4, 1_100).build();
        assertThat(config.controlRecoveryMillis()).as("default").isEqualTo(PERIOD);
        PoolContext ctx = new PoolContext(config, config.endpoints().get(0), null, null, null, null, null, null, null,
                new ControlBudget(config.controlMessages(), config.controlRecoveryMillis(), clock::get));
        SlidingWindowLimiter before = ctx.newControlLimiter();
        assertThat(ctx.tightenControlBudget()).isEqualTo(2);
        SlidingWindowLimiter lowered = ctx.newControlLimiter();
        clock.addAndGet(PERIOD);
        assertThat(ctx.controlBudget().relax()).isEqualTo(4);
        SlidingWindowLimiter raised = ctx.newControlLimiter();
        assertThat(before.permits()).isEqualTo(4);
        assertThat(lowered.permits()).isEqualTo(2);
        assertThat(raised.permits()).isEqualTo(4);
        assertThat(raised.windowMillis()).isEqualTo(1_100);
    }

    @Test
    void theConfigWantsARecoveryPeriodOfZeroOrAtLeastTheBackoffCapAndCarriesItThroughToBuilder() {
        assertThatThrownBy(() -> PoolConfig.builder(Venue.OKX).controlRecoveryMillis(-1).build())
                .hasMessageContaining("controlRecoveryMillis");
        assertThatThrownBy(() -> PoolConfig.builder(Venue.BINANCE).controlRecoveryMillis(59_999).build())
                .as("below the default backoff cap of 60 s").hasMessageContaining("controlRecoveryMillis");
        assertThat(PoolConfig.builder(Venue.BINANCE).controlRecoveryMillis(60_000).build().controlRecoveryMillis())
                .isEqualTo(60_000);
        assertThat(PoolConfig.builder(Venue.BINANCE).backoff(1_000, 2_000).controlRecoveryMillis(3_000).build()
                .controlRecoveryMillis()).isEqualTo(3_000);
        PoolConfig c = PoolConfig.builder(Venue.OKX).controlRecoveryMillis(0).build();
        assertThat(c.controlRecoveryMillis()).isZero();
        assertThat(c.toBuilder().build().controlRecoveryMillis()).isZero();
    }
}
