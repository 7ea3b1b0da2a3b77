package org.nnfs.loss;

import org.nnfs.tensor.Tensor;

/**
 * A training objective: the mean loss over a batch's rows and its gradient with respect to the
 * model's output. Instances keep small host buffers and are not thread-safe.
 */
public interface Loss {

    /** The type name used in summaries and model files, e.g. {@code cross_entropy}. */
    String type();

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

    /** Rebuilds a loss from its {@link #type()}; the message lists the known types. */
    static Loss forType(String type) {
        switch (type) {
            case CrossEntropy.TYPE: return new CrossEntropy();
            case SoftmaxCrossEntropy.TYPE: return new SoftmaxCrossEntropy();
            case MeanSquaredError.TYPE: return new MeanSquaredError();
            default:
                throw new IllegalArgumentException("Unknown loss '" + type + "'. Expected one of {"
                        + CrossEntropy.TYPE + ", " + SoftmaxCrossEntropy.TYPE + ", " + MeanSquaredError.TYPE + "}.");
        }
    }
}
