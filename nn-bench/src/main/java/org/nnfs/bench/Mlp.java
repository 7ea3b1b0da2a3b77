package org.nnfs.bench;

import org.nnfs.init.Initializer;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;

/** The original network, 784-100-200-10 with ReLU and softmax, and the arithmetic it costs. */
public final class Mlp {
    /** Layer widths, input first. */
    private static final int[] WIDTHS = {784, 100, 200, 10};

    private Mlp() {
    }

    /** Features per example. */
    public static int inputs() {
        return WIDTHS[0];
    }

    /** Classes. */
    public static int classes() {
        return WIDTHS[WIDTHS.length - 1];
    }

    /** The model with the original's initialisation (normal, σ = 0.1), weights drawn from {@code seed}. */
    public static Sequential build(Backend backend, DType dtype, long seed) {
        return build(backend, dtype, seed, "relu", "none");
    }

    /**
     * The same widths with another hidden activation and, unless {@code normalization} is {@code none}, a
     * normalization layer ({@code batch_norm}, {@code layer_norm}) between each hidden dense layer and its
     * activation; all by their registered names.
     */
    public static Sequential build(Backend backend, DType dtype, long seed, String activation, String normalization) {
        Sequential.Builder b = Sequential.builder(WIDTHS[0]);
        for (int i = 1; i + 1 < WIDTHS.length; i++) {
            b.dense(WIDTHS[i]);
            if (!normalization.equals("none")) {
                b.add(normalization);
            }
            b.add(activation);
        }
        return b.dense(WIDTHS[WIDTHS.length - 1]).softmax()
                .init(Initializer.normal(0.1)).seed(seed).dtype(dtype)
                .build(backend);
    }

    /** GEMM FLOPs of a forward pass over {@code rows} examples: {@code Σ 2·rows·in·out}. */
    public static double forwardFlops(int rows) {
        double sum = 0;
        for (int i = 0; i + 1 < WIDTHS.length; i++) {
            sum += 2.0 * rows * WIDTHS[i] * WIDTHS[i + 1];
        }
        return sum;
    }

    /**
     * GEMM FLOPs of one training step over {@code rows} examples: the forward pass, every {@code dW},
     * and every {@code dX} but the first layer's (eight products). Element-wise work is left out; it
     * is a fraction of a percent of these.
     */
    public static double stepFlops(int rows) {
        return 3 * forwardFlops(rows) - 2.0 * rows * WIDTHS[0] * WIDTHS[1];
    }
}
