package org.nnfs.optim;

import java.util.Map;

/** The base learning rate at every step (after the warm-up, if any). */
public final class ConstantSchedule extends LearningRateSchedule {

    /** The base rate, after {@code warmupEpochs} of linear warm-up. */
    public ConstantSchedule(int warmupEpochs) {
        super(warmupEpochs);
    }

    @Override
    public String type() {
        return "constant";
    }

    @Override
    public Map<String, String> config() {
        return settings();
    }

    @Override
    protected double rate(double baseRate, long step, int stepsPerEpoch, ScheduleState state) {
        return baseRate;
    }

    @Override
    public String toString() {
        return warmupEpochs() == 0 ? "constant" : "constant(warm-up " + warmupEpochs() + " epochs)";
    }
}
