package org.nnfs.layer;

import java.util.Map;

import org.nnfs.tensor.Backend;
import org.nnfs.tensor.BinaryOp;
import org.nnfs.tensor.Tensor;

/**
 * Row-wise softmax, turning logits into class probabilities.
 *
 * <p>Followed by a cross-entropy loss, training never runs its backward pass: the model fuses the pair
 * and starts back-propagation from {@code (p - y) / n}, which is exact and stable. The general
 * backward here (for other losses) applies the full Jacobian,
 * {@code dx_i = y_i (dy_i - Σ_j dy_j y_j)}, with the row sums done as products with a ones vector.
 */
public final class Softmax implements Layer {

    @Override
    public String type() {
        return "softmax";
    }

    @Override
    public Map<String, String> config() {
        return Map.of();
    }

    @Override
    public int outputSize(int inputSize) {
        return inputSize;
    }

    @Override
    public LayerRunner runner(LayerContext context) {
        return new Runner(context);
    }

    @Override
    public String toString() {
        return "Softmax()";
    }

    private static final class Runner implements LayerRunner {
        private final Backend backend;
        private final Scratch outputs;
        private final Scratch products;
        private final Scratch rowSums;
        private Tensor onesColumn;
        private Tensor onesRow;
        private Tensor output;

        Runner(LayerContext context) {
            backend = context.backend();
            outputs = context.scratch(context.inputSize());
            products = context.scratch(context.inputSize());
            rowSums = context.scratch(1);
        }

        @Override
        public Tensor forward(Tensor x, Mode mode) {
            output = outputs.rows(x.rows());
            backend.softmaxRows(x, output);
            return output;
        }

        @Override
        public Tensor backward(Tensor dy, boolean needInputGradient) {
            int n = dy.rows();
            if (onesRow == null) { // only the unfused backward needs them; allocated on first use
                onesColumn = backend.zeros(dy.cols(), 1, dy.dtype());
                onesRow = backend.zeros(1, dy.cols(), dy.dtype());
                backend.fill(1, onesColumn);
                backend.fill(1, onesRow);
            }
            Tensor product = products.rows(n);
            Tensor sums = rowSums.rows(n);
            backend.binary(BinaryOp.MUL, dy, output, product);
            backend.gemm(false, false, 1, product, onesColumn, 0, sums);          // Σ_j dy_j y_j  [n, 1]
            backend.gemm(false, false, 1, sums, onesRow, 0, product);             // broadcast     [n, k]
            backend.binary(BinaryOp.SUB, dy, product, dy);
            backend.binary(BinaryOp.MUL, dy, output, dy);
            return dy;
        }
    }
}
