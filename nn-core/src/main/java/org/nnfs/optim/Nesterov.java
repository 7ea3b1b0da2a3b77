package org.nnfs.optim;

import java.util.Map;

import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Tensor;

/**
 * SGD with Nesterov momentum in the form PyTorch uses ({@code torch.optim.SGD(nesterov=True)}):
 * {@code v = μ·v + g}, then {@code w -= lr·(g + μ·v)}, a step from the point the momentum is heading to.
 * Weight decay is L2, added to {@code g}.
 */
public final class Nesterov extends Optimizer {
    private final double momentum;

    /** Nesterov momentum μ in {@code [0, 1)} with L2 weight decay λ. */
    public Nesterov(double learningRate, double momentum, double weightDecay) {
        super(learningRate, weightDecay);
        this.momentum = Momentum.checkMomentum(momentum);
    }

    /** Nesterov momentum 0.9 without decay. */
    public Nesterov(double learningRate) {
        this(learningRate, 0.9, 0);
    }

    @Override
    public String type() {
        return "nesterov";
    }

    @Override
    public Map<String, String> config() {
        return settings("lr", learningRate(), "momentum", momentum, "weight_decay", weightDecay());
    }

    @Override
    public int slotsPerParameter() {
        return 1;
    }

    @Override
    protected void update(Backend backend, Parameter p, Tensor[] slots, long step, double learningRate) {
        Momentum.step(backend, p, slots[0], learningRate, momentum, true);
    }

    @Override
    public String toString() {
        return "Nesterov(lr=" + learningRate() + ", momentum=" + momentum
                + (weightDecay() > 0 ? ", weight_decay=" + weightDecay() : "") + ")";
    }
}
