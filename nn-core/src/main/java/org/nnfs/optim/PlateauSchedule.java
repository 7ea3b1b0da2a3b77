package org.nnfs.optim;

import java.util.List;
import java.util.Map;

/**
 * Reduces the rate when the validation loss stops improving, as PyTorch's {@code ReduceLROnPlateau}
 * (mode {@code min}, relative threshold, no cool-down): after each epoch, a validation loss below
 * {@code best · (1 - threshold)} is an improvement and becomes the best; otherwise the epoch counts as
 * bad, and after more than {@code patience} bad epochs in a row the rate becomes
 * {@code max(rate · factor, min)} and the count starts again. The rate holds for whole epochs.
 *
 * <p>Its state, saved with checkpoints: the current rate, the best loss so far (NaN before the first
 * epoch) and the count of bad epochs. It needs a validation set.
 */
public final class PlateauSchedule extends LearningRateSchedule {
    private static final int RATE = 0;
    private static final int BEST = 1;
    private static final int BAD_EPOCHS = 2;
    /** PyTorch's {@code eps}: reductions smaller than this are skipped. */
    private static final double EPSILON = 1e-8;

    private final double factor;
    private final int patience;
    private final double threshold;
    private final double minRate;

    /**
     * @param factor    the rate's multiplier on a plateau, in (0, 1)
     * @param patience  bad epochs tolerated before reducing, at least 0
     * @param threshold relative improvement that counts, in [0, 1) (PyTorch's default 1e-4)
     * @param minRate   the floor, at least 0
     */
    public PlateauSchedule(double factor, int patience, double threshold, double minRate, int warmupEpochs) {
        super(warmupEpochs);
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("plateau schedule: factor must be in (0, 1), got " + factor);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("plateau schedule: patience must be >= 0 epochs, got " + patience);
        }
        if (!(threshold >= 0 && threshold < 1)) {
            throw new IllegalArgumentException("plateau schedule: threshold must be in [0, 1), got " + threshold);
        }
        if (!(minRate >= 0) || Double.isInfinite(minRate)) {
            throw new IllegalArgumentException("plateau schedule: the minimum rate must be >= 0 and finite, got "
                    + minRate);
        }
        this.factor = factor;
        this.patience = patience;
        this.threshold = threshold;
        this.minRate = minRate;
    }

    @Override
    public String type() {
        return "plateau";
    }

    @Override
    public Map<String, String> config() {
        return settings("factor", factor, "patience", patience, "threshold", threshold, "min_lr", minRate);
    }

    @Override
    public List<String> stateNames() {
        return List.of("rate", "best", "bad_epochs");
    }

    @Override
    public ScheduleState newState(double baseRate) {
        return new ScheduleState(new double[] {baseRate, Double.NaN, 0});
    }

    @Override
    public boolean needsValidation() {
        return true;
    }

    @Override
    protected double rate(double baseRate, long step, int stepsPerEpoch, ScheduleState state) {
        return state.get(RATE);
    }

    @Override
    public void epochEnded(int epoch, double validationLoss, ScheduleState state) {
        double best = state.get(BEST);
        if (Double.isNaN(best) || validationLoss < best * (1 - threshold)) {
            state.set(BEST, validationLoss);
            state.set(BAD_EPOCHS, 0);
            return;
        }
        double bad = state.get(BAD_EPOCHS) + 1;
        if (bad > patience) {
            double rate = state.get(RATE);
            double reduced = Math.max(rate * factor, minRate);
            if (rate - reduced > EPSILON) {
                state.set(RATE, reduced);
            }
            bad = 0;
        }
        state.set(BAD_EPOCHS, bad);
    }

    @Override
    public String toString() {
        return "plateau(×" + factor + " after " + patience + " epochs without improvement, floor " + minRate
                + warmupText() + ")";
    }
}
