package org.nnfs.optim;

import java.util.Map;

/**
 * Step decay per epoch, as PyTorch's {@code StepLR} stepped once an epoch: epoch {@code e} (1-based)
 * trains at {@code base · γ^floor((e-1) / stepSize)}, so the rate drops by γ after every
 * {@code stepSize} epochs.
 */
public final class StepSchedule extends LearningRateSchedule {
    private final int stepSize;
    private final double gamma;

    /** Multiplies the rate by {@code gamma} in (0, 1] every {@code stepSize} (at least 1) epochs. */
    public StepSchedule(int stepSize, double gamma, int warmupEpochs) {
        super(warmupEpochs);
        if (stepSize < 1) {
            throw new IllegalArgumentException("step schedule: step size must be at least 1 epoch, got " + stepSize);
        }
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("step schedule: gamma must be in (0, 1], got " + gamma);
        }
        this.stepSize = stepSize;
        this.gamma = gamma;
    }

    @Override
    public String type() {
        return "step";
    }

    @Override
    public Map<String, String> config() {
        return settings("step_size", stepSize, "gamma", gamma);
    }

    @Override
    protected double rate(double baseRate, long step, int stepsPerEpoch, ScheduleState state) {
        return baseRate * StrictMath.pow(gamma, (epochOf(step, stepsPerEpoch) - 1) / stepSize);
    }

    @Override
    public String toString() {
        return "step(every " + stepSize + " epochs ×" + gamma + warmupText() + ")";
    }
}
