package org.nnfs.optim;

import java.util.Map;

import org.nnfs.tensor.Backend;
import org.nnfs.tensor.BinaryOp;
import org.nnfs.tensor.Tensor;
import org.nnfs.tensor.UnaryOp;

/**
 * A test-only optimizer written the way CONTRIBUTING.md tells newcomers to: RMSprop,
 * {@code s = ρ·s + (1-ρ)·g²}, {@code w -= lr · g / (sqrt(s) + ε)}. Registered in the test
 * {@code RegistryProvider}, which makes it a value of the command line's {@code --optimizer} in
 * nn-mnist's tests with nothing changed there.
 */
public final class TestRmsProp extends Optimizer {
    /** The registered name. */
    public static final String TYPE = "test_rmsprop";

    private final double rho;
    private final double epsilon;

    /** RMSprop with decay {@code rho} in [0, 1) and {@code epsilon} > 0. */
    public TestRmsProp(double learningRate, double rho, double epsilon, double weightDecay) {
        super(learningRate, weightDecay);
        if (!(rho >= 0 && rho < 1) || !(epsilon > 0)) {
            throw new IllegalArgumentException("test_rmsprop: rho must be in [0, 1) and epsilon > 0, got " + rho
                    + ", " + epsilon);
        }
        this.rho = rho;
        this.epsilon = epsilon;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Map<String, String> config() {
        return settings("lr", learningRate(), "rho", rho, "epsilon", epsilon, "weight_decay", weightDecay());
    }

    @Override
    public int slotsPerParameter() {
        return 2; // the mean square, and a scratch tensor for the update
    }

    @Override
    protected void update(Backend backend, Parameter p, Tensor[] slots, long step, double learningRate) {
        Tensor g = p.grad();
        Tensor meanSquare = slots[0];
        Tensor s = slots[1];
        backend.binary(BinaryOp.MUL, g, g, s);
        backend.scale(rho, meanSquare, meanSquare);
        backend.axpy(1 - rho, s, meanSquare);
        backend.unary(UnaryOp.SQRT, meanSquare, s);
        backend.affine(s, 1, epsilon, s);
        backend.binary(BinaryOp.DIV, g, s, s);
        backend.axpy(-learningRate, s, p.value());
    }

    @Override
    public String toString() {
        return "TestRmsProp(lr=" + learningRate() + ", rho=" + rho + ")";
    }
}
