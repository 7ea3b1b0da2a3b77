package org.nnfs.layer;

import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;

/**
 * What a {@link LayerRunner} works with, handed to {@link Layer#runner}: the backend, the model's
 * tensors this layer declared, their gradients (in a training pass only) and scratch buffers of its own.
 *
 * <p>The model's tensors are shared by every runner of the model (on every thread); a runner writes
 * only its own scratch and, in a training pass, its gradients and the layer's buffers.
 */
public interface LayerContext {

    /** The backend the model lives on. */
    Backend backend();

    /** The element type of the model. */
    DType dtype();

    /**
     * The layer's name in its model, {@code <type>_<index>} as its tensors are named ({@code batch_norm_1}),
     * for messages that must say which layer refused something.
     */
    String layerName();

    /** The width of the layer's input (its output width is {@link Layer#outputSize} of it). */
    int inputSize();

    /**
     * True for a runner of a training pass: it may be asked for {@link Mode#TRAINING} forward passes
     * and for backward passes, and has gradients. Runners of inference passes are only asked for
     * {@link Mode#INFERENCE} forward passes.
     */
    boolean training();

    /**
     * The model's tensor this layer declared as {@code name} (a parameter's values or a buffer),
     * allocated and initialised by the model.
     *
     * @throws IllegalArgumentException naming the declared tensors when the layer declared no such one
     */
    Tensor tensor(String name);

    /**
     * The gradient of parameter {@code name} in this training pass, same shape, overwritten by each
     * backward pass.
     *
     * @throws IllegalStateException    in an inference pass, which has no gradients
     * @throws IllegalArgumentException when {@code name} is no parameter the layer declared
     */
    Tensor gradient(String name);

    /** Work tensors of {@code cols} columns owned by this runner; each call gives a new, separate set. */
    Scratch scratch(int cols);
}
