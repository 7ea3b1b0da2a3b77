package org.nnfs.loss;

import java.util.Map;

import org.nnfs.tensor.Tensor;

/**
 * A training objective: the mean loss over a batch's rows and its gradient with respect to the
 * model's output. Instances keep small host buffers and are not thread-safe: a trainer uses its loss on
 * the training thread, for training and validation alike. A user-defined loss works as is; registering
 * it (see {@code org.nnfs.registry}) lets model files that name it resume training.
 */
public interface Loss {

    /** The registered name, used in summaries and model files, e.g. {@code cross_entropy}. */
    String type();

    /** The settings that rebuild this loss through its registration (none for the built-in losses). */
    default Map<String, String> config() {
        return Map.of();
    }

    /**
     * Mean loss of {@code output} against {@code target} (both {@code [n, k]}); when {@code grad} is not
     * null, also writes dLoss/dOutput (already divided by {@code n}) into it.
     */
    double compute(Tensor output, Tensor target, Tensor grad);

    /**
     * Whether this loss, placed after a {@code Softmax} layer, lets the model skip the softmax's
     * backward pass and start from {@link #softmaxGradient}.
     */
    default boolean fusesWithSoftmax() {
        return false;
    }

    /**
     * dLoss/dLogits for softmax probabilities {@code p}, when {@link #fusesWithSoftmax()}; writes
     * {@code grad} and returns the mean loss.
     */
    default double softmaxGradient(Tensor p, Tensor target, Tensor grad) {
        throw new UnsupportedOperationException(type() + " does not fuse with softmax");
    }

    /**
     * Whether this loss, placed after a sigmoid activation, lets the model skip the sigmoid's backward
     * pass and start from {@link #sigmoidGradient}.
     */
    default boolean fusesWithSigmoid() {
        return false;
    }

    /**
     * dLoss/dLogits for sigmoid probabilities {@code p}, when {@link #fusesWithSigmoid()}; writes
     * {@code grad} and returns the mean loss.
     */
    default double sigmoidGradient(Tensor p, Tensor target, Tensor grad) {
        throw new UnsupportedOperationException(type() + " does not fuse with sigmoid");
    }

    /**
     * Refuses a model whose {@linkplain Head head} this loss cannot train, e.g. cross-entropy on a model
     * that ends in logits; called when a trainer is built. The message names the loss or the last layer
     * that would fit ({@link Head#misfit} words it). The default accepts every head.
     *
     * @throws IllegalArgumentException naming the mismatch and the pairing that fits
     */
    default void checkHead(Head head) {
    }
}
