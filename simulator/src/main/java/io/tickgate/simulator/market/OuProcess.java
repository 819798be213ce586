package io.tickgate.simulator.market;

import java.util.SplittableRandom;

/**
 * A mean-reverting random walk (Ornstein-Uhlenbeck around 0) stepped on a fixed grid, with the exact discretisation
 * so the step length does not change its statistics. Used for a price's log-volatility (volatility that comes and goes
 * in regimes of minutes) and for a venue's basis to the shared fair value (small, pulled back within seconds).
 * Single writer.
 */
final class OuProcess {

    private final double keep;
    private final double shock;
    private final SplittableRandom random;
    private double value;

    /**
     * A process starting from a draw of its stationary distribution.
     *
     * @param stepSeconds        the grid step
     * @param reversionSeconds   the time a deviation takes to shrink by e
     * @param stationaryStd      the long-run standard deviation
     * @param random             its own random stream
     */
    OuProcess(double stepSeconds, double reversionSeconds, double stationaryStd, SplittableRandom random) {
        this.keep = Math.exp(-stepSeconds / reversionSeconds);
        this.shock = stationaryStd * Math.sqrt(1 - keep * keep);
        this.random = random;
        this.value = stationaryStd * random.nextGaussian();
    }

    /** One grid step. */
    double step() {
        value = value * keep + shock * random.nextGaussian();
        return value;
    }

    /** Adds a shock from outside (a jump raising volatility). */
    void kick(double by) {
        value += by;
    }

    double value() {
        return value;
    }
}
