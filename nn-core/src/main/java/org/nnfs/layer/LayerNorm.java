package org.nnfs.layer;

import java.util.List;
import java.util.Map;

import org.nnfs.init.Initializer;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.BinaryOp;
import org.nnfs.tensor.Tensor;
import org.nnfs.tensor.UnaryOp;

/**
 * Layer normalization (Ba, Kiros and Hinton, 2016) of each example over its features, as PyTorch's
 * {@code LayerNorm(in)}: {@code y = gamma·(x - mean)/sqrt(var + epsilon) + beta} with the row's own mean
 * and biased variance, a learned scale {@code gamma} (ones) and shift {@code beta} (zeros), neither of
 * them weight-decayed. No running statistics: training and inference compute the same, and a batch of
 * one row is fine.
 *
 * <p>Row means are products with a column of ones (GEMM), and per-row factors broadcast through
 * {@code binary} with a {@code [n, 1]} column.
 */
public final class LayerNorm implements Layer {
    /** The registered type. */
    public static final String TYPE = "layer_norm";

    private final double epsilon;

    /** Layer normalization with PyTorch's epsilon, 1e-5. */
    public LayerNorm() {
        this(BatchNorm.DEFAULT_EPSILON);
    }

    /**
     * @param epsilon added to every variance, greater than 0
     * @throws IllegalArgumentException when epsilon is out of range
     */
    public LayerNorm(double epsilon) {
        Normalization.checkEpsilon(TYPE, epsilon);
        this.epsilon = epsilon;
    }

    /** Added to every variance before the square root. */
    public double epsilon() {
        return epsilon;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Map<String, String> config() {
        return Map.of("epsilon", Double.toString(epsilon));
    }

    @Override
    public int outputSize(int inputSize) {
        return inputSize;
    }

    @Override
    public List<TensorSpec> tensors(int inputSize) {
        return List.of(
                TensorSpec.parameter("gamma", 1, inputSize).initializedBy(Initializer.ones()),
                TensorSpec.parameter("beta", 1, inputSize));
    }

    @Override
    public LayerRunner runner(LayerContext context) {
        return new Runner(context);
    }

    /** {@code LayerNorm(1.0E-5)}: epsilon. */
    @Override
    public String toString() {
        return "LayerNorm(" + epsilon + ")";
    }

    private final class Runner implements LayerRunner {
        private final Backend backend;
        private final Normalization affine;
        private final Tensor onesColumn;
        private final Scratch centred;
        /** Per-row columns [n, 1]: a statistic, 1/σ, and a second statistic for backward. */
        private final Scratch statistics;
        private final Scratch invStds;
        private final Scratch moreStatistics;
        private final double invWidth;

        Runner(LayerContext context) {
            backend = context.backend();
            affine = new Normalization(context);
            int in = context.inputSize();
            invWidth = 1.0 / in;
            onesColumn = backend.zeros(in, 1, context.dtype());
            backend.fill(1, onesColumn);
            centred = context.scratch(in);
            statistics = context.scratch(1);
            invStds = context.scratch(1);
            moreStatistics = context.scratch(1);
        }

        /** {@code out[r] = mean_c a[r][c]}, a product with a column of ones. */
        private void rowMeans(Tensor a, Tensor out) {
            backend.gemm(false, false, invWidth, a, onesColumn, 0, out);
        }

        // forward: x [n, in] -> y [n, in]; the same in both modes
        @Override
        public Tensor forward(Tensor x, Mode mode) {
            int n = x.rows();
            Tensor mean = statistics.rows(n);
            Tensor invStd = invStds.rows(n);
            Tensor xc = centred.rows(n);
            rowMeans(x, mean);
            backend.binary(BinaryOp.SUB, x, mean, xc);
            Tensor squares = affine.normalized(n); // x̂'s buffer, free until the end of this pass
            backend.unary(UnaryOp.SQUARE, xc, squares);
            rowMeans(squares, invStd);
            backend.affine(invStd, 1, epsilon, invStd);
            backend.unary(UnaryOp.SQRT, invStd, invStd);
            backend.fill(1, mean);
            backend.binary(BinaryOp.DIV, mean, invStd, invStd); // 1/σ per row
            return affine.forward(xc, invStd);
        }

        // backward: dy [n, in] -> dgamma, dbeta [1, in], dx [n, in]
        @Override
        public Tensor backward(Tensor dy, boolean needInputGradient) {
            int n = dy.rows();
            affine.backward(dy);
            if (!needInputGradient) {
                return null;
            }
            // With g = dy·gamma: dx = (g - mean(g) - x̂·mean(g·x̂)) / σ, the means taken over each row.
            Tensor xHat = affine.normalized(n);
            Tensor g = centred.rows(n); // x - mean is not needed any more
            Tensor meanG = statistics.rows(n);
            Tensor meanGxHat = moreStatistics.rows(n);
            backend.binary(BinaryOp.MUL, dy, affine.gamma(), g);
            rowMeans(g, meanG);
            backend.binary(BinaryOp.MUL, g, xHat, dy); // dy is ours to overwrite
            rowMeans(dy, meanGxHat);
            backend.binary(BinaryOp.MUL, xHat, meanGxHat, dy);
            backend.binary(BinaryOp.SUB, g, dy, g);
            backend.binary(BinaryOp.SUB, g, meanG, g);
            backend.binary(BinaryOp.MUL, g, invStds.rows(n), g);
            return g;
        }
    }
}
