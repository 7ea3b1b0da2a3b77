package org.nnfs.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Tensor;

/**
 * Updates parameters from their gradients after each backward pass.
 *
 * <p>An optimizer's state (momenta, moment estimates) lives in backend tensors allocated on the first
 * {@link #step} and reused after that; {@link #state()} exposes them so model files can save and
 * restore training exactly. Optional L2 weight decay adds {@code λ·w} to the gradients of weights
 * (not biases) before the update.
 */
public abstract class Optimizer {
    private final double learningRate;
    private final double weightDecay;
    private List<Tensor[]> slots;
    private long steps;

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

    /** The registered name, used in model files: {@code sgd}, {@code momentum}, {@code adam}. */
    public abstract String type();

    /**
     * The settings that rebuild this optimizer through its registration (see
     * {@code org.nnfs.registry.Registry#optimizers()}), as text, e.g. {@code lr=0.1}.
     */
    public abstract Map<String, String> config();

    /** {@code key, value, key, value, ...} as an ordered map of text, for {@link #config()}. */
    protected static Map<String, String> settings(Object... keysAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], String.valueOf(keysAndValues[i + 1]));
        }
        return Collections.unmodifiableMap(m);
    }

    /** Number of state tensors kept per parameter (0 for plain SGD). */
    protected abstract int slotsPerParameter();

    /**
     * Updates {@code p.value()} from {@code p.grad()} (decay already applied) using this parameter's
     * state {@code slots}; {@code step} counts from 1.
     */
    protected abstract void update(Backend backend, Parameter p, Tensor[] slots, long step);

    /** The step size. */
    public final double learningRate() {
        return learningRate;
    }

    /** The L2 weight-decay factor λ (0: none). */
    public final double weightDecay() {
        return weightDecay;
    }

    /** Number of completed steps. */
    public final long steps() {
        return steps;
    }

    /** Applies one update to every parameter, in order. The list must be the same on every call. */
    public final void step(List<Parameter> parameters) {
        ensureSlots(parameters);
        steps++;
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            Backend backend = p.value().backend();
            if (weightDecay > 0 && p.decay()) {
                backend.axpy(weightDecay, p.value(), p.grad());
            }
            update(backend, p, slots.get(i), steps);
        }
    }

    /**
     * The state tensors in parameter order, {@link #slotsPerParameter()} per parameter, allocated for
     * {@code parameters} if they are not yet.
     */
    public final List<Tensor> state(List<Parameter> parameters) {
        ensureSlots(parameters);
        List<Tensor> all = new ArrayList<>();
        for (Tensor[] s : slots) {
            all.addAll(List.of(s));
        }
        return all;
    }

    /** Restores the step count (with {@link #state} tensors copied back, training resumes exactly). */
    public final void restoreSteps(long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("step count must be >= 0, got " + steps);
        }
        this.steps = steps;
    }

    private void ensureSlots(List<Parameter> parameters) {
        if (slots != null) {
            if (slots.size() != parameters.size()) {
                throw new IllegalStateException("optimizer was used with " + slots.size()
                        + " parameters and now gets " + parameters.size() + "; use one optimizer per model");
            }
            return;
        }
        List<Tensor[]> created = new ArrayList<>();
        for (Parameter p : parameters) {
            Tensor[] s = new Tensor[slotsPerParameter()];
            for (int j = 0; j < s.length; j++) {
                s[j] = p.value().backend().zeros(p.value().rows(), p.value().cols(), p.value().dtype());
            }
            created.add(s);
        }
        slots = created;
    }
}
