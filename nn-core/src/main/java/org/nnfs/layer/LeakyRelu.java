package org.nnfs.layer;

import java.util.Map;

import org.nnfs.tensor.Backend;
import org.nnfs.tensor.BinaryOp;
import org.nnfs.tensor.Tensor;
import org.nnfs.tensor.UnaryOp;

/**
 * Leaky ReLU, {@code x} for {@code x > 0} and {@code slope·x} otherwise (PyTorch's {@code LeakyReLU}, whose
 * {@code negative_slope} defaults to 0.01 as here).
 *
 * <p>Built from backend operations rather than a kernel of its own: the forward pass is
 * {@code max(x, slope·x)} (or {@code min} for a slope above 1), two passes; the backward pass is
 * {@code dy·(slope + (1 - slope)·[x > 0])}, three. In the training step of the 784-100-200-10 model that
 * costs a few percent over ReLU (CONTRIBUTING.md, "Adding an activation"), too little to grow the SPI by a
 * parametrised op.
 */
public final class LeakyRelu implements ActivationFunction {
    /** The registered name. */
    public static final String TYPE = "leaky_relu";
    /** PyTorch's default slope. */
    public static final double DEFAULT_SLOPE = 0.01;

    private final double slope;

    /**
     * Leaky ReLU with the given slope for negative inputs.
     *
     * @throws IllegalArgumentException when the slope is negative, infinite or NaN
     */
    public LeakyRelu(double slope) {
        if (!(slope >= 0) || Double.isInfinite(slope)) {
            throw new IllegalArgumentException(TYPE + ": slope must be a finite number of at least 0, got " + slope);
        }
        this.slope = slope;
    }

    /** The slope for negative inputs. */
    public double slope() {
        return slope;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Map<String, String> config() {
        return Map.of("slope", Double.toString(slope));
    }

    @Override
    public void forward(Backend backend, Tensor x, Tensor y, Scratch work) {
        backend.scale(slope, x, y);
        backend.binary(slope <= 1 ? BinaryOp.MAX : BinaryOp.MIN, x, y, y);
    }

    @Override
    public void backward(Backend backend, Tensor x, Tensor y, Tensor dy, Tensor dx, Scratch work) {
        Tensor positive = work.rows(x.rows());
        backend.unaryBackward(UnaryOp.RELU, x, y, dy, positive); // dy where x > 0, else 0
        backend.scale(slope, dy, dx);
        backend.axpy(1 - slope, positive, dx);
    }
}
