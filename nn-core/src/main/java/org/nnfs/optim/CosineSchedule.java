package org.nnfs.optim;

import java.util.Map;

/**
 * Cosine annealing per step over a whole run (PyTorch's {@code CosineAnnealingLR} closed form with
 * {@code T_max} = the run's steps, stepped every batch, as is usual for it): step {@code s} of a run of
 * {@code T = epochs · stepsPerEpoch} steps trains at
 * {@code min + (base - min) · (1 + cos(π · (s-1) / T)) / 2}, so the first step runs at the base rate and
 * the rate falls smoothly towards {@code min}; steps past {@code T} (a run continued beyond its planned
 * length) stay at {@code min}.
 */
public final class CosineSchedule extends LearningRateSchedule {
    private final int epochs;
    private final double minRate;

    /**
     * @param epochs       the length of the run the rate anneals over, at least 1
     * @param minRate      the floor, at least 0 (and below the base rate to make sense)
     * @param warmupEpochs epochs of linear warm-up, part of the {@code epochs}
     */
    public CosineSchedule(int epochs, double minRate, int warmupEpochs) {
        super(warmupEpochs);
        if (epochs < 1) {
            throw new IllegalArgumentException("cosine schedule: epochs must be at least 1, got " + epochs);
        }
        if (!(minRate >= 0) || Double.isInfinite(minRate)) {
            throw new IllegalArgumentException("cosine schedule: the minimum rate must be >= 0 and finite, got "
                    + minRate);
        }
        this.epochs = epochs;
        this.minRate = minRate;
    }

    @Override
    public String type() {
        return "cosine";
    }

    @Override
    public Map<String, String> config() {
        return settings("epochs", epochs, "min_lr", minRate);
    }

    @Override
    protected double rate(double baseRate, long step, int stepsPerEpoch, ScheduleState state) {
        long total = (long) epochs * stepsPerEpoch;
        if (step > total) {
            return minRate;
        }
        return minRate + (baseRate - minRate) * (1 + StrictMath.cos(Math.PI * (step - 1) / total)) / 2;
    }

    @Override
    public String toString() {
        return "cosine(over " + epochs + " epochs to " + minRate + warmupText() + ")";
    }
}
