package org.nnfs.layer;

import org.nnfs.tensor.Backend;
import org.nnfs.tensor.BinaryOp;
import org.nnfs.tensor.Tensor;

/**
 * What batch and layer normalization share once their statistics are known: the normalized input
 * {@code x̂ = (x - mean)·invStd} (kept for the backward pass), the learned per-feature scale and shift
 * {@code y = gamma·x̂ + beta}, and their gradients {@code dgamma = Σ dy·x̂}, {@code dbeta = Σ dy} over the
 * rows. {@code invStd} is a row {@code [1, in]} (batch norm: one per feature) or a column {@code [n, 1]}
 * (layer norm: one per example); the backend's {@code binary} broadcasts either.
 */
final class Normalization {
    private final Backend backend;
    private final Tensor gamma;
    private final Tensor beta;
    private final Tensor gammaGrad;
    private final Tensor betaGrad;
    private final Scratch normalized;
    private final Scratch outputs;
    private final Scratch products;

    /** The runner's part over the layer's {@code gamma} and {@code beta}, with their gradients when training. */
    Normalization(LayerContext context) {
        backend = context.backend();
        gamma = context.tensor("gamma");
        beta = context.tensor("beta");
        gammaGrad = context.training() ? context.gradient("gamma") : null;
        betaGrad = context.training() ? context.gradient("beta") : null;
        normalized = context.scratch(context.inputSize());
        outputs = context.scratch(context.inputSize());
        products = context.scratch(context.inputSize());
    }

    /** Refuses an epsilon that is not a finite number greater than 0. */
    static void checkEpsilon(String type, double epsilon) {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException(type + ": epsilon must be a finite number greater than 0, got "
                    + epsilon);
        }
    }

    /** The learned scale, {@code [1, in]}. */
    Tensor gamma() {
        return gamma;
    }

    /** The buffer of {@code x̂} for {@code rows} rows: the last forward pass's, or free work space before it. */
    Tensor normalized(int rows) {
        return normalized.rows(rows);
    }

    /** {@code x̂ = centred·invStd}, then returns {@code y = gamma·x̂ + beta} (a buffer of its own). */
    Tensor forward(Tensor centred, Tensor invStd) {
        int n = centred.rows();
        Tensor xHat = normalized.rows(n);
        backend.binary(BinaryOp.MUL, centred, invStd, xHat);
        Tensor y = outputs.rows(n);
        backend.binary(BinaryOp.MUL, xHat, gamma, y);
        backend.addRowVector(y, beta, y);
        return y;
    }

    /**
     * Writes {@code dbeta = Σ dy} and {@code dgamma = Σ dy·x̂} over the rows, and returns {@code dy·x̂}, a work
     * buffer valid until the next call.
     */
    Tensor backward(Tensor dy) {
        Tensor product = products.rows(dy.rows());
        backend.sumColumns(dy, betaGrad);
        backend.binary(BinaryOp.MUL, dy, normalized.rows(dy.rows()), product);
        backend.sumColumns(product, gammaGrad);
        return product;
    }

    /** The gradient of gamma the last {@link #backward} wrote. */
    Tensor gammaGradient() {
        return gammaGrad;
    }

    /** The gradient of beta the last {@link #backward} wrote. */
    Tensor betaGradient() {
        return betaGrad;
    }
}
