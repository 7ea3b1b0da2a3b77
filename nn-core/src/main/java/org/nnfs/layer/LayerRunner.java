package org.nnfs.layer;

import org.nnfs.tensor.Tensor;

/**
 * Runs one {@link Layer} of one model for one pass (one thread): a forward/backward pair over
 * buffers it allocated once from its {@link LayerContext}. Not thread-safe; every thread that runs a
 * model has runners of its own, all reading the model's shared tensors.
 *
 * <p>Shapes: {@code input [rows, inputSize] -> output [rows, outputSize]}. The tensors a runner returns
 * are its own buffers, valid until its next call. {@link #forward} keeps what {@link #backward} needs.
 */
public interface LayerRunner {

    /**
     * {@code output = f(input)}. {@link Mode#TRAINING} reaches only runners whose context
     * {@linkplain LayerContext#training() trains}.
     */
    Tensor forward(Tensor input, Mode mode);

    /**
     * After a forward pass, given dLoss/dOutput: writes the gradients of the layer's parameters (into
     * {@link LayerContext#gradient}) and returns dLoss/dInput, or {@code null} when
     * {@code needInputGradient} is false (which saves the first layer a product). May overwrite
     * {@code gradOutput}. Called on training runners only.
     */
    Tensor backward(Tensor gradOutput, boolean needInputGradient);

    /** Re-seeds the runner's own randomness (dropout masks); training calls it once per epoch. */
    default void reseed(long seed) {
    }
}
