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
        return Sequential.builder(WIDTHS[0])
                .dense(WIDTHS[1]).relu()
                .dense(WIDTHS[2]).relu()
                .dense(WIDTHS[3]).softmax()
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
