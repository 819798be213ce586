package io.tickgate.simulator.market;

import java.util.SplittableRandom;

/**
 * The hidden "true" price of one instrument (a base/quote pair), shared by every venue that lists it: a geometric
 * random walk in simulated time on a 100 ms grid, with stochastic volatility (the log of the volatility is a
 * mean-reverting walk, so calm and agitated stretches of minutes alternate) and occasional jumps (a few an hour, of
 * about 0.3%, each followed by a burst of volatility, as after news).
 *
 * <p>The path depends only on the market seed, the pair and the grid's anchor (the epoch), never on how often or by
 * whom it is read: two engines (one per simulated venue, each on its own thread) that own a copy each compute the same
 * prices at the same times, so venues move together without sharing state. Single writer.
 */
final class FairValue {

    /** The grid step. */
    static final long STEP_MILLIS = 100;
    private static final double STEP_SECONDS = STEP_MILLIS / 1000.0;
    /** Volatility per square root of a second at the long-run level: about 35% a year, 0.05% a minute. */
    static final double BASE_VOLATILITY = 6e-5;
    private static final double VOL_REVERSION_SECONDS = 600;
    /** Long-run standard deviation of log-volatility: long stretches at half or twice the level. */
    private static final double VOL_OF_VOL = 0.5;
    private static final double JUMPS_PER_SECOND = 1.0 / 1800;
    private static final double JUMP_SIZE = 0.003;
    private static final double JUMP_VOL_KICK = 0.6;
    /** More steps than this at once (a clock leap) are taken as one step of the same total variance. */
    private static final long MAX_STEPS = 36_000;

    private final SplittableRandom random;
    private final OuProcess logVol;
    private final double startTicks;
    private final double volScale;
    private long epoch;
    private long step;
    private double logPrice;

    /**
     * @param marketSeed the seed every venue's engine shares
     * @param pair       the instrument's identity across venues ({@code BTC/USDT})
     * @param startTicks the starting price in ticks
     * @param epoch      the grid's anchor (epoch ms), or {@link Long#MIN_VALUE} to anchor it at the first read
     */
    FairValue(long marketSeed, String pair, long startTicks, long epoch) {
        this.random = new SplittableRandom(marketSeed * 0x9E3779B97F4A7C15L ^ pair.hashCode());
        this.logVol = new OuProcess(STEP_SECONDS, VOL_REVERSION_SECONDS, VOL_OF_VOL, random.split());
        this.volScale = 0.8 + 0.6 * random.nextDouble();
        this.startTicks = startTicks;
        this.epoch = epoch;
    }

    /** The grid step that {@code now} falls in (0 before the epoch). */
    long stepAt(long now) {
        if (epoch == Long.MIN_VALUE) {
            epoch = now;
        }
        return Math.max(0, Math.floorDiv(now - epoch, STEP_MILLIS));
    }

    /** The fair price in ticks at {@code now} (simulated time; never earlier than a previous read). */
    double ticks(long now) {
        advanceTo(stepAt(now));
        return startTicks * Math.exp(logPrice);
    }

    /** The current volatility per square root of a second. */
    double volatility() {
        return BASE_VOLATILITY * volScale * Math.exp(logVol.value());
    }

    private void advanceTo(long target) {
        if (target - step > MAX_STEPS) {
            double sigma = volatility() * Math.sqrt((target - step - MAX_STEPS) * STEP_SECONDS);
            logPrice += sigma * random.nextGaussian() - sigma * sigma / 2;
            step = target - MAX_STEPS;
        }
        while (step < target) {
            step++;
            logVol.step();
            double sigma = volatility() * Math.sqrt(STEP_SECONDS);
            logPrice += sigma * random.nextGaussian() - sigma * sigma / 2;
            if (random.nextDouble() < JUMPS_PER_SECOND * STEP_SECONDS) {
                double size = JUMP_SIZE * Math.exp(0.5 * random.nextGaussian());
                logPrice += random.nextBoolean() ? size : -size;
                logVol.kick(JUMP_VOL_KICK);
            }
        }
    }
}
