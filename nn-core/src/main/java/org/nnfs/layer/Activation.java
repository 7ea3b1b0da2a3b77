package org.nnfs.layer;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Tensor;

/**
 * The layer of an element-wise {@link ActivationFunction}: its type and settings are the function's,
 * so a registered function is a layer type of the same name. Its backward pass writes in place over
 * the incoming gradient.
 */
public final class Activation implements Layer {
    private final ActivationFunction function;

    /** The layer of {@code function}. */
    public Activation(ActivationFunction function) {
        this.function = Objects.requireNonNull(function, "function");
    }

    /** {@code max(0, x)}. */
    public static Activation relu() {
        return new Activation(ActivationFunction.relu());
    }

    /** {@code 1 / (1 + e^-x)}. */
    public static Activation sigmoid() {
        return new Activation(ActivationFunction.sigmoid());
    }

    /** {@code tanh(x)}. */
    public static Activation tanh() {
        return new Activation(ActivationFunction.tanh());
    }

    /** GELU, exact: {@code x·Φ(x)}. */
    public static Activation gelu() {
        return new Activation(ActivationFunction.gelu());
    }

    /** Leaky ReLU with the given slope for negative inputs (PyTorch's default is 0.01). */
    public static Activation leakyRelu(double slope) {
        return new Activation(ActivationFunction.leakyRelu(slope));
    }

    /** The element-wise function. */
    public ActivationFunction function() {
        return function;
    }

    @Override
    public String type() {
        return function.type();
    }

    @Override
    public Map<String, String> config() {
        return function.config();
    }

    @Override
    public int outputSize(int inputSize) {
        return inputSize;
    }

    @Override
    public LayerRunner runner(LayerContext context) {
        return new Runner(context);
    }

    /** {@code Relu()}, {@code LeakyRelu(0.01)}: the type in camel case and the settings' values. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (String part : type().split("_")) {
            if (!part.isEmpty()) {
                sb.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        return sb.append('(').append(String.join(", ", config().values())).append(')').toString();
    }

    private final class Runner implements LayerRunner {
        private final Backend backend;
        private final Scratch outputs;
        private final Scratch work;
        private Tensor input;
        private Tensor output;

        Runner(LayerContext context) {
            backend = context.backend();
            outputs = context.scratch(context.inputSize());
            work = context.scratch(context.inputSize());
        }

        @Override
        public Tensor forward(Tensor x, Mode mode) {
            input = x;
            output = outputs.rows(x.rows());
            function.forward(backend, x, output, work);
            return output;
        }

        @Override
        public Tensor backward(Tensor dy, boolean needInputGradient) {
            function.backward(backend, input, output, dy, dy, work);
            return dy;
        }
    }
}
