package org.nnfs.optim;

import java.util.Map;

import org.nnfs.tensor.Backend;
import org.nnfs.tensor.BinaryOp;
import org.nnfs.tensor.Tensor;
import org.nnfs.tensor.UnaryOp;

/**
 * What {@link Adam} and {@link AdamW} share: the bias-corrected moment estimates (Kingma and Ba, 2015)
 * and the step they make, {@code m = β1·m + (1-β1)·g}, {@code v = β2·v + (1-β2)·g²},
 * {@code w -= lr/(1-β1^t) · m / (sqrt(v/(1-β2^t)) + ε)}; they differ only in how weight decay applies.
 * Keeps three tensors per parameter: {@code m}, {@code v}, and a scratch tensor for the direction.
 */
abstract class AdaptiveMoments extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;

    AdaptiveMoments(double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {
        super(learningRate, weightDecay);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException(name() + ": betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException(name() + ": epsilon must be positive, got " + epsilon);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    /** The name in messages and {@code toString}: {@code Adam}, {@code AdamW}. */
    abstract String name();

    @Override
    public final Map<String, String> config() {
        return settings("lr", learningRate(), "beta1", beta1, "beta2", beta2, "epsilon", epsilon,
                "weight_decay", weightDecay());
    }

    @Override
    public final int slotsPerParameter() {
        return 3;
    }

    @Override
    protected final void update(Backend backend, Parameter p, Tensor[] slots, long step, double learningRate) {
        Tensor g = p.grad();
        Tensor m = slots[0];
        Tensor v = slots[1];
        Tensor s = slots[2];
        backend.scale(beta1, m, m);
        backend.axpy(1 - beta1, g, m);
        backend.binary(BinaryOp.MUL, g, g, s);
        backend.scale(beta2, v, v);
        backend.axpy(1 - beta2, s, v);
        double correction1 = 1 - Math.pow(beta1, step);
        double correction2 = 1 - Math.pow(beta2, step);
        backend.unary(UnaryOp.SQRT, v, s);
        backend.affine(s, 1 / Math.sqrt(correction2), epsilon, s);
        backend.binary(BinaryOp.DIV, m, s, s);
        backend.axpy(-learningRate / correction1, s, p.value());
    }

    @Override
    public final String toString() {
        return name() + "(lr=" + learningRate() + ", beta1=" + beta1 + ", beta2=" + beta2 + ", epsilon=" + epsilon
                + (weightDecay() > 0 ? ", weight_decay=" + weightDecay() : "") + ")";
    }
}
