package org.nnfs.layer;

import java.util.List;
import java.util.Map;

import org.nnfs.init.Initializer;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.BinaryOp;
import org.nnfs.tensor.Tensor;

/**
 * A fixed per-feature affine transform, {@code y = (x - center) · scale + offset}, from three buffers
 * {@code [1, width]} (not trained; saved in model files). As a model's first layer it is the model's
 * input standardiser: {@link org.nnfs.data.Standardizer} fits the center and scale on the training data,
 * and every prediction and evaluation applies them, since they are part of the model. It also holds what
 * an imported ONNX graph computes with constants (a {@code BatchNormalization} in inference, a
 * {@code Sub}, {@code Mul}, {@code Div} or {@code Add} by a constant row).
 *
 * <p>A new model starts with the identity ({@code center} 0, {@code scale} 1, {@code offset} 0). The
 * subtraction comes first, as in {@code (x - mean) / std}: it keeps the precision of features whose mean
 * is large next to their spread.
 */
public final class Rescale implements Layer {
    /** The registered type name. */
    public static final String TYPE = "rescale";

    @Override
    public String type() {
        return TYPE;
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
    public List<TensorSpec> tensors(int inputSize) {
        return List.of(TensorSpec.buffer("center", 1, inputSize),
                TensorSpec.buffer("scale", 1, inputSize).initializedBy(Initializer.ones()),
                TensorSpec.buffer("offset", 1, inputSize));
    }

    @Override
    public LayerRunner runner(LayerContext context) {
        return new Runner(context);
    }

    @Override
    public String toString() {
        return "Rescale()";
    }

    private static final class Runner implements LayerRunner {
        private final Backend backend;
        private final Tensor center;
        private final Tensor scale;
        private final Tensor offset;
        private final Scratch ones;
        private final Scratch broadcast;
        private final Scratch scales;
        private final Scratch outputs;
        private Tensor rowScales;

        Runner(LayerContext context) {
            backend = context.backend();
            center = context.tensor("center");
            scale = context.tensor("scale");
            offset = context.tensor("offset");
            ones = context.scratch(1);
            broadcast = context.scratch(context.inputSize());
            scales = context.scratch(context.inputSize());
            outputs = context.scratch(context.inputSize());
        }

        // forward: x [n, in] -> (x - center) * scale + offset [n, in]; the rows are broadcast by products with
        // a ones column, which are exact, so each element sees exactly the three operations above.
        @Override
        public Tensor forward(Tensor x, Mode mode) {
            int n = x.rows();
            Tensor column = ones.rows(n);
            backend.fill(1, column);
            Tensor centers = broadcast.rows(n);
            rowScales = scales.rows(n);
            backend.gemm(false, false, 1, column, center, 0, centers);
            backend.gemm(false, false, 1, column, scale, 0, rowScales);
            Tensor y = outputs.rows(n);
            backend.binary(BinaryOp.SUB, x, centers, y);
            backend.binary(BinaryOp.MUL, y, rowScales, y);
            backend.addRowVector(y, offset, y);
            return y;
        }

        // backward: dx = dy * scale (nothing is trained).
        @Override
        public Tensor backward(Tensor dy, boolean needInputGradient) {
            if (!needInputGradient) {
                return null;
            }
            backend.binary(BinaryOp.MUL, dy, rowScales, dy);
            return dy;
        }
    }
}
