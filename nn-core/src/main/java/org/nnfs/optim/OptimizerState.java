package org.nnfs.optim;

import java.util.List;
import java.util.Objects;

import org.nnfs.tensor.Tensor;

/**
 * What an optimizer remembers between steps for one model: the number of steps taken and its state
 * tensors (momenta, moment estimates), {@link Optimizer#slotsPerParameter()} per parameter, in
 * parameter order, each shaped like its parameter. An optimizer itself is immutable configuration;
 * the trainer owns the state, model files save and load it, and resuming training from it continues
 * exactly where the run stopped.
 *
 * <p>The tensors are updated in place by every {@link Optimizer#step}; the step count is this object's
 * own. Build a fresh state with {@link Optimizer#newState}, or one read back from a file with
 * {@link #OptimizerState(long, List)}.
 */
public final class OptimizerState {
    private final List<Tensor> tensors;
    private long steps;
    private Tensor[][] slots;

    /**
     * A state after {@code steps} steps holding {@code tensors}, which an optimizer checks against the
     * parameters before its first step ({@link Optimizer#checkState}).
     */
    public OptimizerState(long steps, List<Tensor> tensors) {
        if (steps < 0) {
            throw new IllegalArgumentException("optimizer steps must be >= 0, got " + steps);
        }
        this.steps = steps;
        this.tensors = List.copyOf(Objects.requireNonNull(tensors, "tensors"));
    }

    /** Number of completed steps. */
    public long steps() {
        return steps;
    }

    /** The state tensors, in parameter order (live: the next step updates them). */
    public List<Tensor> tensors() {
        return tensors;
    }

    /** This step count and the same tensors, as of now: what a checkpoint records. */
    public OptimizerState snapshot() {
        return new OptimizerState(steps, tensors);
    }

    /** Counts a step and returns its 1-based number. */
    long advance() {
        return ++steps;
    }

    /** The tensors grouped per parameter, {@code perParameter} each; built once, reused by every step. */
    Tensor[][] slots(int parameters, int perParameter) {
        if (slots == null || slots.length != parameters) {
            if (tensors.size() != parameters * perParameter) {
                throw new IllegalStateException("optimizer state holds " + tensors.size() + " tensors, but "
                        + parameters + " parameters need " + perParameter + " each; use one state per model");
            }
            Tensor[][] grouped = new Tensor[parameters][perParameter];
            for (int i = 0; i < parameters; i++) {
                for (int j = 0; j < perParameter; j++) {
                    grouped[i][j] = tensors.get(i * perParameter + j);
                }
            }
            slots = grouped;
        }
        return slots;
    }
}
