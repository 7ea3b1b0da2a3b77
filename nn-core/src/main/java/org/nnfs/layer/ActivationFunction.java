package org.nnfs.layer;

import java.util.Map;

import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Tensor;
import org.nnfs.tensor.UnaryOp;

/**
 * An element-wise function {@code y = f(x)} and its backward pass, written with backend operations.
 * The {@link Activation} layer runs it; registering a function (see {@code org.nnfs.registry}) makes it
 * a layer type of the same name and a value of the command line's {@code --activation}.
 *
 * <p>Implementations are immutable and shared by every runner; per-call work space comes in as
 * {@code work}, tensors of the input's width owned by the calling runner.
 */
public interface ActivationFunction {

    /** The registered name, e.g. {@code relu}. */
    String type();

    /** The settings that rebuild this function through its registration (empty for most). */
    default Map<String, String> config() {
        return Map.of();
    }

    /**
     * Writes {@code y = f(x)}; {@code x} and {@code y} have the same shape.
     *
     * @param work {@code work.rows(x.rows())} is a tensor of {@code x}'s shape for intermediate values,
     *             allocated on first use
     */
    void forward(Backend backend, Tensor x, Tensor y, Scratch work);

    /**
     * Writes {@code dx = dy ⊙ f'(x)} given the forward pass's {@code x} and {@code y}; {@code dx} may be
     * the same tensor as {@code dy}.
     */
    void backward(Backend backend, Tensor x, Tensor y, Tensor dy, Tensor dx, Scratch work);

    /** {@code max(0, x)}. */
    static ActivationFunction relu() {
        return UnaryActivation.RELU;
    }

    /** {@code 1 / (1 + e^-x)}. */
    static ActivationFunction sigmoid() {
        return UnaryActivation.SIGMOID;
    }

    /** {@code tanh(x)}. */
    static ActivationFunction tanh() {
        return UnaryActivation.TANH;
    }

    /** GELU, exact: {@code x·Φ(x)} with {@code Φ} the standard normal distribution function. */
    static ActivationFunction gelu() {
        return UnaryActivation.GELU;
    }

    /** {@code x} for {@code x > 0}, {@code slope·x} otherwise; see {@link LeakyRelu}. */
    static ActivationFunction leakyRelu(double slope) {
        return new LeakyRelu(slope);
    }
}
