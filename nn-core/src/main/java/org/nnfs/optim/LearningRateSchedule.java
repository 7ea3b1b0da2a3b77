package org.nnfs.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the learning rate changes over a run: the rate of each optimizer step, given the optimizer's base
 * rate. Immutable configuration, registered under the kind {@code schedule} (command lines and model
 * files name schedules); what a schedule learns while training (only {@link PlateauSchedule} learns
 * anything) is a {@link ScheduleState} that the trainer keeps and checkpoints save.
 *
 * <p>Time is counted in optimizer steps from 1 over the whole run; an epoch is {@code stepsPerEpoch}
 * steps (the trainer's batches per epoch, the same every epoch of a run), so epoch {@code e} holds steps
 * {@code (e-1)·stepsPerEpoch + 1 .. e·stepsPerEpoch}. Schedules defined per epoch (like PyTorch's
 * {@code StepLR} and {@code ExponentialLR}, stepped once an epoch) hold their rate for a whole epoch;
 * {@link CosineSchedule} changes it every step.
 *
 * <p><b>Warm-up</b>, available to every schedule: for the first {@code warmupEpochs} epochs, step
 * {@code s} runs at {@code s / (warmupEpochs·stepsPerEpoch)} times the schedule's rate, rising linearly to
 * the full rate at the end of warm-up (as in Goyal et al., "Accurate, Large Minibatch SGD", 2017). The
 * schedule itself keeps its own clock: warm-up multiplies it and does not delay it, so a cosine over 20
 * epochs with 2 warm-up epochs still ends at epoch 20, and a step decay every 10 epochs still decays after
 * epochs 10 and 20.
 *
 * <p>A new schedule extends this class, implements {@link #rate}, reports its settings (including
 * {@code warmup_epochs}) in {@link #config()}, and is registered under its {@link #type()}.
 */
public abstract class LearningRateSchedule {
    private final int warmupEpochs;

    /** For subclasses: {@code warmupEpochs} at least 0. */
    protected LearningRateSchedule(int warmupEpochs) {
        if (warmupEpochs < 0) {
            throw new IllegalArgumentException("warm-up epochs must be >= 0, got " + warmupEpochs);
        }
        this.warmupEpochs = warmupEpochs;
    }

    /** The base rate at every step, without warm-up. */
    public static LearningRateSchedule constant() {
        return new ConstantSchedule(0);
    }

    /** The registered name, e.g. {@code cosine}. */
    public abstract String type();

    /** The settings that rebuild this schedule through its registration, as text. */
    public abstract Map<String, String> config();

    /** Epochs of linear warm-up at the start of the run (0: none). */
    public final int warmupEpochs() {
        return warmupEpochs;
    }

    /**
     * The learning rate of optimizer step {@code step} (counted from 1 over the run) for base rate
     * {@code baseRate}: the schedule's {@link #rate}, times the warm-up factor while warming up.
     *
     * @param stepsPerEpoch optimizer steps per epoch, at least 1
     * @param state         this schedule's state ({@link #newState})
     */
    public final double learningRate(double baseRate, long step, int stepsPerEpoch, ScheduleState state) {
        double rate = rate(baseRate, step, stepsPerEpoch, state);
        long warmupSteps = (long) warmupEpochs * stepsPerEpoch;
        return step < warmupSteps ? rate * step / warmupSteps : rate;
    }

    /** The schedule's own rate at {@code step} (1-based), without warm-up. Must not allocate. */
    protected abstract double rate(double baseRate, long step, int stepsPerEpoch, ScheduleState state);

    /** The 1-based epoch of step {@code step}: for schedules defined per epoch. */
    protected static int epochOf(long step, int stepsPerEpoch) {
        return (int) ((step - 1) / stepsPerEpoch) + 1;
    }

    /**
     * The names of the numbers this schedule remembers between epochs, saved with checkpoints; empty
     * (the default) for schedules that are a function of the step alone.
     */
    public List<String> stateNames() {
        return List.of();
    }

    /** The state before the first step for base rate {@code baseRate} (by default: nothing to remember). */
    public ScheduleState newState(double baseRate) {
        return new ScheduleState(new double[stateNames().size()]);
    }

    /** Whether {@link #epochEnded} needs a validation loss: the trainer refuses to run without one. */
    public boolean needsValidation() {
        return false;
    }

    /**
     * Called by the trainer after every epoch with its validation loss (NaN without a validation set),
     * before the epoch's checkpoint is taken; feedback schedules update {@code state} here.
     */
    public void epochEnded(int epoch, double validationLoss, ScheduleState state) {
    }

    /**
     * Checks that {@code state} (read from a file, say) holds the values this schedule keeps.
     *
     * @throws IllegalArgumentException naming the counts
     */
    public final void checkState(ScheduleState state) {
        if (state.size() != stateNames().size()) {
            throw new IllegalArgumentException("schedule '" + type() + "' keeps " + stateNames().size()
                    + " values " + stateNames() + " but the state holds " + state.size());
        }
    }

    /** {@code key, value, ...} as an ordered map of text, with {@code warmup_epochs} last, for {@link #config()}. */
    protected final Map<String, String> settings(Object... keysAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], String.valueOf(keysAndValues[i + 1]));
        }
        m.put("warmup_epochs", Integer.toString(warmupEpochs));
        return Collections.unmodifiableMap(m);
    }

    /** {@code ", warm-up N epochs"} when there is warm-up, for {@code toString}. */
    protected final String warmupText() {
        return warmupEpochs > 0 ? ", warm-up " + warmupEpochs + " epoch" + (warmupEpochs == 1 ? "" : "s") : "";
    }
}
