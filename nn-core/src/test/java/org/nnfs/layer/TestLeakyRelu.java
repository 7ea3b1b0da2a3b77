package org.nnfs.layer;

import java.util.Map;

import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Tensor;
import org.nnfs.tensor.UnaryOp;

/**
 * A test-only activation written the way CONTRIBUTING.md tells newcomers to: {@code max(x, αx)} from
 * backend operations, {@code relu(x) - α·relu(-x)}, with its backward {@code dy·(α + (1 - α)·[x > 0])}.
 * Registered (with a setting) in the test {@code RegistryProvider}.
 */
public final class TestLeakyRelu implements ActivationFunction {
    /** The registered name. */
    public static final String TYPE = "test_leaky_relu";

    private final double alpha;

    /** The slope for negative inputs, in [0, 1). */
    public TestLeakyRelu(double alpha) {
        if (!(alpha >= 0 && alpha < 1)) {
            throw new IllegalArgumentException("test_leaky_relu: alpha must be in [0, 1), got " + alpha);
        }
        this.alpha = alpha;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Map<String, String> config() {
        return Map.of("alpha", Double.toString(alpha));
    }

    @Override
    public void forward(Backend backend, Tensor x, Tensor y, Scratch work) {
        Tensor negative = work.rows(x.rows());
        backend.scale(-1, x, negative);
        backend.unary(UnaryOp.RELU, negative, negative);
        backend.unary(UnaryOp.RELU, x, y);
        backend.axpy(-alpha, negative, y);
    }

    @Override
    public void backward(Backend backend, Tensor x, Tensor y, Tensor dy, Tensor dx, Scratch work) {
        Tensor positive = work.rows(x.rows());
        backend.unaryBackward(UnaryOp.RELU, x, y, dy, positive); // dy where x > 0, else 0
        backend.scale(alpha, dy, dx);
        backend.axpy(1 - alpha, positive, dx);
    }
}
