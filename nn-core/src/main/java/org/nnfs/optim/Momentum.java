package org.nnfs.optim;

import java.util.Map;

import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Tensor;

/**
 * SGD with momentum in the form PyTorch uses: {@code v = μ·v + g}, then {@code w -= lr·v}, or with
 * Nesterov's look-ahead {@code w -= lr·(g + μ·v)}. Weight decay is L2, added to {@code g}. The Nesterov
 * form is also an optimizer of its own, {@link Nesterov}; the flag here stays for files that name it so.
 */
public final class Momentum extends Optimizer {
    private final double momentum;
    private final boolean nesterov;

    /** Momentum μ in {@code [0, 1)}, optionally Nesterov, with L2 weight decay λ. */
    public Momentum(double learningRate, double momentum, boolean nesterov, double weightDecay) {
        super(learningRate, weightDecay);
        this.momentum = checkMomentum(momentum);
        this.nesterov = nesterov;
    }

    /** Classical momentum 0.9 without decay. */
    public Momentum(double learningRate) {
        this(learningRate, 0.9, false, 0);
    }

    static double checkMomentum(double momentum) {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        return momentum;
    }

    @Override
    public String type() {
        return "momentum";
    }

    @Override
    public Map<String, String> config() {
        return settings("lr", learningRate(), "momentum", momentum, "nesterov", nesterov,
                "weight_decay", weightDecay());
    }

    @Override
    public int slotsPerParameter() {
        return 1;
    }

    @Override
    protected void update(Backend backend, Parameter p, Tensor[] slots, long step, double learningRate) {
        step(backend, p, slots[0], learningRate, momentum, nesterov);
    }

    /** The update momentum and Nesterov share, with velocity {@code v}. */
    static void step(Backend backend, Parameter p, Tensor v, double learningRate, double momentum, boolean nesterov) {
        backend.scale(momentum, v, v);
        backend.axpy(1, p.grad(), v);
        if (nesterov) {
            backend.axpy(-learningRate, p.grad(), p.value());
            backend.axpy(-learningRate * momentum, v, p.value());
        } else {
            backend.axpy(-learningRate, v, p.value());
        }
    }

    @Override
    public String toString() {
        return (nesterov ? "Nesterov" : "Momentum") + "(lr=" + learningRate() + ", momentum=" + momentum
                + (weightDecay() > 0 ? ", weight_decay=" + weightDecay() : "") + ")";
    }
}
