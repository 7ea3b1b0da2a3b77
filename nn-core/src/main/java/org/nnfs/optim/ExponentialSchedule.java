package org.nnfs.optim;

import java.util.Map;

/**
 * Exponential decay per epoch, as PyTorch's {@code ExponentialLR} stepped once an epoch: epoch
 * {@code e} (1-based) trains at {@code base · γ^(e-1)}.
 */
public final class ExponentialSchedule extends LearningRateSchedule {
    private final double gamma;

    /** Multiplies the rate by {@code gamma} in (0, 1] after every epoch. */
    public ExponentialSchedule(double gamma, int warmupEpochs) {
        super(warmupEpochs);
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("exponential schedule: gamma must be in (0, 1], got " + gamma);
        }
        this.gamma = gamma;
    }

    @Override
    public String type() {
        return "exponential";
    }

    @Override
    public Map<String, String> config() {
        return settings("gamma", gamma);
    }

    @Override
    protected double rate(double baseRate, long step, int stepsPerEpoch, ScheduleState state) {
        return baseRate * StrictMath.pow(gamma, epochOf(step, stepsPerEpoch) - 1);
    }

    @Override
    public String toString() {
        return "exponential(×" + gamma + " per epoch" + warmupText() + ")";
    }
}
