package org.nnfs.optim;

import java.util.Map;

/**
 * How the learning rate changes over training: the rate for a step, given the optimizer's base rate.
 * Registered under the kind {@code schedule} so that command lines and model files can name
 * schedules; the trainer does not apply schedules yet (only {@link #constant()} exists).
 */
public interface LearningRateSchedule {

    /** The registered name, e.g. {@code constant}. */
    String type();

    /** The settings that rebuild this schedule through its registration. */
    default Map<String, String> config() {
        return Map.of();
    }

    /** The learning rate of optimizer step {@code step} (counted from 1) for base rate {@code baseRate}. */
    double learningRate(double baseRate, long step);

    /** The base rate at every step. */
    static LearningRateSchedule constant() {
        return ConstantSchedule.INSTANCE;
    }
}
