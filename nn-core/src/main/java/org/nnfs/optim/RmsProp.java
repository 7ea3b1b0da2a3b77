package org.nnfs.optim;

import java.util.Map;

import org.nnfs.tensor.Backend;
import org.nnfs.tensor.BinaryOp;
import org.nnfs.tensor.Tensor;
import org.nnfs.tensor.UnaryOp;

/**
 * RMSprop as PyTorch's {@code torch.optim.RMSprop} defines it (not centred):
 * {@code s = α·s + (1-α)·g²}, then {@code w -= lr · g / (sqrt(s) + ε)}; with momentum μ > 0,
 * {@code b = μ·b + g / (sqrt(s) + ε)} and {@code w -= lr·b}. PyTorch's defaults: α = 0.99, ε = 1e-8,
 * μ = 0. Weight decay is L2, added to {@code g}.
 */
public final class RmsProp extends Optimizer {
    private final double alpha;
    private final double epsilon;
    private final double momentum;

    /** RMSprop with smoothing α in [0, 1), ε > 0, momentum μ in [0, 1) and L2 weight decay λ. */
    public RmsProp(double learningRate, double alpha, double epsilon, double momentum, double weightDecay) {
        super(learningRate, weightDecay);
        if (!(alpha >= 0 && alpha < 1)) {
            throw new IllegalArgumentException("RMSprop: alpha must be in [0, 1), got " + alpha);
        }
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("RMSprop: epsilon must be positive, got " + epsilon);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("RMSprop: momentum must be in [0, 1), got " + momentum);
        }
        this.alpha = alpha;
        this.epsilon = epsilon;
        this.momentum = momentum;
    }

    /** RMSprop with PyTorch's defaults (α = 0.99, ε = 1e-8, no momentum, no decay). */
    public RmsProp(double learningRate) {
        this(learningRate, 0.99, 1e-8, 0, 0);
    }

    @Override
    public String type() {
        return "rmsprop";
    }

    @Override
    public Map<String, String> config() {
        return settings("lr", learningRate(), "alpha", alpha, "epsilon", epsilon, "momentum", momentum,
                "weight_decay", weightDecay());
    }

    @Override
    public int slotsPerParameter() {
        return momentum > 0 ? 3 : 2; // the mean square, a scratch tensor, and the momentum buffer if any
    }

    @Override
    protected void update(Backend backend, Parameter p, Tensor[] slots, long step, double learningRate) {
        Tensor g = p.grad();
        Tensor meanSquare = slots[0];
        Tensor s = slots[1];
        backend.binary(BinaryOp.MUL, g, g, s);
        backend.scale(alpha, meanSquare, meanSquare);
        backend.axpy(1 - alpha, s, meanSquare);
        backend.unary(UnaryOp.SQRT, meanSquare, s);
        backend.affine(s, 1, epsilon, s);
        backend.binary(BinaryOp.DIV, g, s, s);          // g / (sqrt(s) + ε)
        if (momentum > 0) {
            Tensor buffer = slots[2];
            backend.scale(momentum, buffer, buffer);
            backend.axpy(1, s, buffer);
            backend.axpy(-learningRate, buffer, p.value());
        } else {
            backend.axpy(-learningRate, s, p.value());
        }
    }

    @Override
    public String toString() {
        return "RMSprop(lr=" + learningRate() + ", alpha=" + alpha + ", epsilon=" + epsilon
                + (momentum > 0 ? ", momentum=" + momentum : "")
                + (weightDecay() > 0 ? ", weight_decay=" + weightDecay() : "") + ")";
    }
}
