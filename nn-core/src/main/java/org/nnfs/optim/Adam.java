package org.nnfs.optim;

import java.util.Map;

import org.nnfs.tensor.Backend;
import org.nnfs.tensor.BinaryOp;
import org.nnfs.tensor.Tensor;
import org.nnfs.tensor.UnaryOp;

/**
 * Adam (Kingma and Ba, 2015) with bias correction, as PyTorch's {@code torch.optim.Adam}:
 * {@code m = β1·m + (1-β1)·g}, {@code v = β2·v + (1-β2)·g²},
 * {@code w -= lr/(1-β1^t) · m / (sqrt(v/(1-β2^t)) + ε)}. Weight decay, if any, is L2 added to the
 * gradient; {@link AdamW} decouples it.
 */
public final class Adam extends Optimizer {
    private final Moments moments;

    /** Adam with explicit settings. */
    public Adam(double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {
        super(learningRate, weightDecay);
        this.moments = new Moments("Adam", beta1, beta2, epsilon);
    }

    /** Adam with the usual β1 = 0.9, β2 = 0.999, ε = 1e-8. */
    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-8, 0);
    }

    @Override
    public String type() {
        return "adam";
    }

    @Override
    public Map<String, String> config() {
        return settings("lr", learningRate(), "beta1", moments.beta1, "beta2", moments.beta2, "epsilon",
                moments.epsilon, "weight_decay", weightDecay());
    }

    @Override
    public int slotsPerParameter() {
        return Moments.SLOTS;
    }

    @Override
    protected void update(Backend backend, Parameter p, Tensor[] slots, long step, double learningRate) {
        moments.update(backend, p, slots, step, learningRate);
    }

    @Override
    public String toString() {
        return "Adam(" + moments.describe(learningRate(), weightDecay()) + ")";
    }

    /**
     * The update Adam and AdamW share: the two bias-corrected moment estimates and the step they make.
     * Keeps three tensors per parameter: {@code m}, {@code v}, and a scratch tensor for the direction.
     */
    static final class Moments {
        static final int SLOTS = 3;

        final double beta1;
        final double beta2;
        final double epsilon;

        Moments(String owner, double beta1, double beta2, double epsilon) {
            if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
                throw new IllegalArgumentException(owner + ": betas must be in [0, 1), got " + beta1 + ", " + beta2);
            }
            if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
                throw new IllegalArgumentException(owner + ": epsilon must be positive, got " + epsilon);
            }
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.epsilon = epsilon;
        }

        void update(Backend backend, Parameter p, Tensor[] slots, long step, double learningRate) {
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

        String describe(double learningRate, double weightDecay) {
            return "lr=" + learningRate + ", beta1=" + beta1 + ", beta2=" + beta2 + ", epsilon=" + epsilon
                    + (weightDecay > 0 ? ", weight_decay=" + weightDecay : "");
        }
    }
}
