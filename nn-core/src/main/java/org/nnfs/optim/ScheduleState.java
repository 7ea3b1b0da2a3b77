package org.nnfs.optim;

import java.util.Arrays;

/**
 * What a {@link LearningRateSchedule} remembers between epochs: a few numbers, named by the schedule's
 * {@link LearningRateSchedule#stateNames()} in the same order (for {@link PlateauSchedule}: the current
 * rate, the best validation loss and the epochs since it improved). Like {@link OptimizerState} it is
 * owned by the trainer and saved in checkpoints, so a resumed run continues with it exactly. Non-finite
 * values are allowed (NaN stands for "not yet").
 */
public final class ScheduleState {
    private final double[] values;

    /** A state holding a copy of {@code values}. */
    public ScheduleState(double[] values) {
        this.values = values.clone();
    }

    /** Number of values. */
    public int size() {
        return values.length;
    }

    /** Value {@code i}. */
    public double get(int i) {
        return values[i];
    }

    /** Sets value {@code i}. */
    public void set(int i, double value) {
        values[i] = value;
    }

    /** A copy of the values, in the schedule's order. */
    public double[] values() {
        return values.clone();
    }

    /** A copy, as of now: what a checkpoint records. */
    public ScheduleState snapshot() {
        return new ScheduleState(values);
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
