package org.nnfs.layer;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.nnfs.init.Initializer;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;

/**
 * One stage of a network: a forward/backward pair over preallocated buffers.
 *
 * <p>Shapes: {@code input [rows, inputSize] -> output [rows, outputSize]}. A layer is created unbound
 * (just its configuration), then {@link #bind bound} once to a backend, which allocates its
 * parameters. {@link #forward} keeps what {@link #backward} needs; the tensors a layer returns are
 * its own buffers, valid until its next call.
 */
public interface Layer {

    /** The type name used in summaries and model files, e.g. {@code dense}. */
    String type();

    /** The layer's configuration (not its weights) as strings, for model files; see {@link Layers#create}. */
    Map<String, String> config();

    /** Output width for a given input width. */
    int outputSize(int inputSize);

    /**
     * Allocates parameters and buffers on {@code backend}; called once, by the model.
     *
     * @param defaultInit the model's initializer, for layers without one of their own
     * @param random      the model's seeded random stream, consumed in layer order
     */
    void bind(Backend backend, DType dtype, int inputSize, Initializer defaultInit, SplittableRandom random);

    /** {@code output = f(input)}; {@code training} switches layers such as dropout. */
    Tensor forward(Tensor input, boolean training);

    /**
     * Given dLoss/dOutput, writes parameter gradients and returns dLoss/dInput (or {@code null} when
     * {@code needInputGradient} is false, which saves the first layer a product). May overwrite
     * {@code gradOutput}.
     */
    Tensor backward(Tensor gradOutput, boolean needInputGradient);

    /**
     * Number of trainable values this layer will hold for a given input width, known before
     * {@link #bind} allocates anything (model files check it against their length first).
     */
    default long parameterCount(int inputSize) {
        return 0;
    }

    /** Trainable parameters, empty for layers without weights. */
    default List<Parameter> parameters() {
        return List.of();
    }

    /** Re-seeds the layer's own randomness (dropout masks); the trainer calls it once per epoch. */
    default void reseed(long seed) {
    }
}
