package org.nnfs.optim;

import java.util.Map;

import org.nnfs.tensor.Backend;
import org.nnfs.tensor.BinaryOp;
import org.nnfs.tensor.Tensor;
import org.nnfs.tensor.UnaryOp;

/**
 * A test-only optimizer written the way CONTRIBUTING.md tells newcomers to: Adagrad (Duchi et al.,
 * 2011, as {@code torch.optim.Adagrad}), {@code s = s + g²}, {@code w -= lr · g / (sqrt(s) + ε)}.
 * Registered in the test {@code RegistryProvider}, which makes it a value of the command line's
 * {@code --optimizer} in nn-mnist's tests with nothing changed there.
 */
public final class TestAdagrad extends Optimizer {
    /** The registered name. */
    public static final String TYPE = "test_adagrad";

    private final double epsilon;

    /** Adagrad with {@code epsilon} > 0 and L2 weight decay λ. */
    public TestAdagrad(double learningRate, double epsilon, double weightDecay) {
        super(learningRate, weightDecay);
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("test_adagrad: epsilon must be > 0, got " + epsilon);
        }
        this.epsilon = epsilon;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Map<String, String> config() {
        return settings("lr", learningRate(), "epsilon", epsilon, "weight_decay", weightDecay());
    }

    @Override
    public int slotsPerParameter() {
        return 2; // the sum of squares, and a scratch tensor for the update
    }

    @Override
    protected void update(Backend backend, Parameter p, Tensor[] slots, long step, double learningRate) {
        Tensor g = p.grad();
        Tensor sum = slots[0];
        Tensor s = slots[1];
        backend.binary(BinaryOp.MUL, g, g, s);
        backend.axpy(1, s, sum);                        // s += g²
        backend.unary(UnaryOp.SQRT, sum, s);
        backend.affine(s, 1, epsilon, s);               // sqrt(s) + ε
        backend.binary(BinaryOp.DIV, g, s, s);
        backend.axpy(-learningRate, s, p.value());      // w -= lr · g / (sqrt(s) + ε)
    }

    @Override
    public String toString() {
        return "TestAdagrad(lr=" + learningRate() + ", epsilon=" + epsilon + ")";
    }
}
