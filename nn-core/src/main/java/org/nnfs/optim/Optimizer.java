package org.nnfs.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Tensor;

/**
 * Updates parameters from their gradients after each backward pass: immutable configuration (the
 * learning rate and the optimizer's own settings), with what it remembers between steps in an
 * {@link OptimizerState} that the caller keeps.
 *
 * <pre>{@code
 * OptimizerState state = optimizer.newState(values);   // zeros, allocated once
 * optimizer.step(model.parameters(), state);           // after every backward pass
 * }</pre>
 *
 * <p>The learning rate of a step is the optimizer's {@link #learningRate()} unless the caller passes
 * another (a {@link LearningRateSchedule} does, through the trainer). Optional weight decay applies to
 * weights, not biases: as L2, {@code λ·w} added to the gradient before the update; or, for optimizers
 * that {@linkplain #decouplesWeightDecay() decouple} it (AdamW), {@code w -= lr·λ·w} apart from the
 * gradient. A new optimizer extends this class, implements {@link #update} over its state tensors, and
 * is registered under its {@link #type()} (see CONTRIBUTING.md).
 */
public abstract class Optimizer {
    private final double learningRate;
    private final double weightDecay;

    /** For subclasses; validates the common settings. */
    protected Optimizer(double learningRate, double weightDecay) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + learningRate);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weight decay must be >= 0 and finite, got " + weightDecay);
        }
        this.learningRate = learningRate;
        this.weightDecay = weightDecay;
    }

    /** The registered name, used in model files: {@code sgd}, {@code momentum}, {@code adam}, ... */
    public abstract String type();

    /**
     * The settings that rebuild this optimizer through its registration (see
     * {@code org.nnfs.registry.Registry#optimizers()}), as text, e.g. {@code lr=0.1}.
     */
    public abstract Map<String, String> config();

    /** Number of state tensors kept per parameter, each shaped like it (0 for plain SGD). */
    public abstract int slotsPerParameter();

    /**
     * Updates {@code p.value()} from {@code p.grad()} (weight decay already applied) using this
     * parameter's state {@code slots}; {@code step} counts from 1 and {@code learningRate} is this step's
     * rate (the schedule's, or {@link #learningRate()}). Must not allocate: take scratch tensors as slots.
     */
    protected abstract void update(Backend backend, Parameter p, Tensor[] slots, long step, double learningRate);

    /**
     * Whether weight decay is decoupled from the gradient (Loshchilov and Hutter): {@code w -= lr·λ·w}
     * before the update instead of {@code λ·w} added to the gradient. False unless overridden.
     */
    protected boolean decouplesWeightDecay() {
        return false;
    }

    /** {@code key, value, key, value, ...} as an ordered map of text, for {@link #config()}. */
    protected static Map<String, String> settings(Object... keysAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], String.valueOf(keysAndValues[i + 1]));
        }
        return Collections.unmodifiableMap(m);
    }

    /** The base learning rate: every step's without a schedule, the schedule's starting point with one. */
    public final double learningRate() {
        return learningRate;
    }

    /** The weight-decay factor λ (0: none), L2 or decoupled as {@link #decouplesWeightDecay()} says. */
    public final double weightDecay() {
        return weightDecay;
    }

    /** A state before the first step for parameters of these values' shapes: zero tensors, step 0. */
    public final OptimizerState newState(List<Tensor> parameterValues) {
        List<Tensor> tensors = new ArrayList<>();
        for (Tensor v : parameterValues) {
            for (int j = 0; j < slotsPerParameter(); j++) {
                tensors.add(v.backend().zeros(v.rows(), v.cols(), v.dtype()));
            }
        }
        return new OptimizerState(0, tensors);
    }

    /**
     * Checks that {@code state} fits parameters of these values: {@link #slotsPerParameter()} tensors per
     * parameter of the same shape, element type and backend.
     *
     * @throws IllegalArgumentException naming the first mismatch
     */
    public final void checkState(List<Tensor> parameterValues, OptimizerState state) {
        int per = slotsPerParameter();
        if (state.tensors().size() != parameterValues.size() * per) {
            throw new IllegalArgumentException("optimizer '" + type() + "' keeps " + per
                    + " state tensor(s) for each of " + parameterValues.size() + " parameters, but the state holds "
                    + state.tensors().size());
        }
        for (int i = 0; i < state.tensors().size(); i++) {
            Tensor s = state.tensors().get(i);
            Tensor v = parameterValues.get(i / Math.max(per, 1));
            if (!s.hasShape(v.rows(), v.cols()) || s.dtype() != v.dtype() || s.backend() != v.backend()) {
                throw new IllegalArgumentException("optimizer state tensor " + i + " is a " + s
                        + " but its parameter is a " + v);
            }
        }
    }

    /**
     * Applies one update at {@link #learningRate()} to every parameter, in order, and counts the step in
     * {@code state}. The list must be the same on every call (and the state made for it).
     */
    public final void step(List<Parameter> parameters, OptimizerState state) {
        step(parameters, state, learningRate);
    }

    /**
     * Applies one update at {@code learningRate} (at least 0, e.g. from a schedule) to every parameter, in
     * order, and counts the step in {@code state}. The list must be the same on every call (and the state
     * made for it).
     */
    public final void step(List<Parameter> parameters, OptimizerState state, double learningRate) {
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate of a step must be >= 0 and finite, got " + learningRate);
        }
        Tensor[][] slots = state.slots(parameters.size(), slotsPerParameter());
        long step = state.advance();
        boolean decoupled = decouplesWeightDecay();
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            Backend backend = p.value().backend();
            if (weightDecay > 0 && p.decay()) {
                if (decoupled) {
                    backend.scale(1 - learningRate * weightDecay, p.value(), p.value());
                } else {
                    backend.axpy(weightDecay, p.value(), p.grad());
                }
            }
            update(backend, p, slots[i], step, learningRate);
        }
    }
}
