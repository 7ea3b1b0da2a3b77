package org.nnfs.interop.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.nnfs.layer.Dense;
import org.nnfs.layer.Layer;
import org.nnfs.layer.LayerNorm;
import org.nnfs.layer.Rescale;
import org.nnfs.layer.Softmax;
import org.nnfs.model.ModelTensor;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;

/**
 * The layers an imported graph becomes, with their values, assembled node by node. It tracks the shape
 * of one example ({@code [features]}, or an image's {@code [channels, height, width]} before it is
 * flattened) and fuses what ONNX spells in several nodes into one layer: a {@code MatMul} and the
 * {@code Add} of its bias into a dense layer, and runs of {@code Sub}, {@code Mul}, {@code Div} and
 * {@code Add} by constants into one {@link Rescale} when their order fits {@code (x - c) · s + o}.
 */
final class ModelAssembly {
    /** A layer and the values of the tensors it declares, by declared name. */
    private record Part(Layer layer, Map<String, double[]> values) {
    }

    private final long[] inputDims;
    private final long maxExpanded;
    private long[] dims;
    private final List<Part> parts = new ArrayList<>();
    /** A dense layer made from a MatMul whose bias may still come from the next Add. */
    private Part openDense;
    /** The rescale being filled from consecutive constant operations, and its last stage (0 center, 1 scale, 2 offset). */
    private Part openRescale;
    private int rescaleStage;

    /**
     * Starts from the graph input's example shape, its dimensions after the batch (-1 for an unknown width).
     *
     * @param maxExpanded the most features a constant may be broadcast over: values the file does not hold
     *                    (a scalar made one per feature) are bounded by the file's size, not by its claims
     */
    ModelAssembly(long[] exampleDims, long maxExpanded) {
        this.maxExpanded = maxExpanded;
        this.inputDims = exampleDims.clone();
        this.dims = exampleDims.clone();
    }

    /** The shape of one example at this point. */
    long[] exampleDims() {
        return dims.clone();
    }

    /** The most features a constant may be broadcast over. */
    long maxExpanded() {
        return maxExpanded;
    }

    /** True while examples are still images (more than one dimension), before a flatten. */
    boolean isImage() {
        return dims.length > 1;
    }

    /** Features per example at this point, or -1 while unknown. */
    long features() {
        long n = 1;
        for (long d : dims) {
            if (d < 0) {
                return -1;
            }
            n *= d;
        }
        return n;
    }

    /** Fixes a width that was unknown; false when it was known and differs. */
    boolean settle(long width) {
        if (dims.length == 1 && dims[0] < 0) {
            dims[0] = width;
            if (parts.isEmpty() || inputDims[0] < 0) {
                inputDims[0] = width; // nothing before changed the width: the input had it too
            }
            return true;
        }
        return features() == width;
    }

    /** The examples flattened to one row of features. */
    void flatten() {
        dims = new long[] {features()};
    }

    /** A dense layer of weights {@code [in, out]} and bias {@code [out]}; {@code biasOpen} lets the next Add fill the bias. */
    void dense(int in, int out, double[] weight, double[] bias, boolean biasOpen) {
        Part p = add(new Dense(out), Map.of("weight", weight, "bias", bias));
        dims = new long[] {out};
        openDense = biasOpen ? p : null;
    }

    /** Adds {@code bias} to the bias of the dense layer just made from a MatMul; false when there is none open. */
    boolean addBias(double[] bias) {
        if (openDense == null || parts.get(parts.size() - 1) != openDense) {
            return false;
        }
        double[] b = openDense.values().get("bias");
        System.arraycopy(bias, 0, b, 0, b.length);
        openDense = null;
        return true;
    }

    /** {@code x - c}, per feature: the offset of the rescale being filled, else the center of a new one. */
    void subtract(double[] c) {
        if (accepts(2)) {
            double[] offset = values("offset");
            for (int i = 0; i < c.length; i++) {
                offset[i] = -c[i]; // y - c is y + (-c) exactly, as ONNX Runtime computes it
            }
            rescaleStage = 2;
        } else {
            startRescale();
            System.arraycopy(c, 0, values("center"), 0, c.length);
            rescaleStage = 0;
        }
    }

    /** {@code x + b}, per feature: the offset of the rescale being filled, else the center (-b) of a new one. */
    void add(double[] b) {
        if (accepts(2)) {
            System.arraycopy(b, 0, values("offset"), 0, b.length);
            rescaleStage = 2;
        } else {
            startRescale();
            double[] center = values("center");
            for (int i = 0; i < b.length; i++) {
                center[i] = -b[i]; // x - (-b) is x + b exactly
            }
            rescaleStage = 0;
        }
    }

    /** {@code x · s}, per feature. */
    void multiply(double[] s) {
        if (!accepts(1)) {
            startRescale();
        }
        System.arraycopy(s, 0, values("scale"), 0, s.length);
        rescaleStage = 1;
    }

    /** A whole {@code (x - center) · scale + offset}, as batch normalization in inference is. */
    void rescale(double[] center, double[] scale, double[] offset) {
        startRescale();
        System.arraycopy(center, 0, values("center"), 0, center.length);
        System.arraycopy(scale, 0, values("scale"), 0, scale.length);
        System.arraycopy(offset, 0, values("offset"), 0, offset.length);
        rescaleStage = 2;
    }

    /** Layer normalization of each example's features with scale {@code gamma} and shift {@code beta}. */
    void layerNorm(double epsilon, double[] gamma, double[] beta) {
        add(new LayerNorm(epsilon), Map.of("gamma", gamma, "beta", beta));
    }

    /** A layer without tensors (an activation), at any shape. */
    void layer(Layer layer) {
        add(layer, Map.of());
    }

    /** A row-wise softmax. */
    void softmax() {
        add(new Softmax(), Map.of());
    }

    /** True when no layer was made (the graph computed nothing this library holds a layer for). */
    boolean isEmpty() {
        return parts.isEmpty();
    }

    /** Builds the model on {@code backend} and fills every tensor it declares. */
    Sequential build(Backend backend, DType dtype) {
        long width = 1;
        for (long d : inputDims) {
            width *= d;
        }
        Sequential.Builder builder = Sequential.builder(Math.toIntExact(width)).dtype(dtype);
        parts.forEach(p -> builder.add(p.layer()));
        Sequential model = builder.build(backend);
        for (ModelTensor t : model.tensors()) {
            double[] values = parts.get(t.layer()).values().get(t.spec().name());
            if (values == null || values.length != t.spec().elements()) {
                throw new IllegalStateException("imported layer " + t.layer() + " has no values for " + t.name());
            }
            backend.copyFrom(values, t.value());
        }
        return model;
    }

    /** True when the last layer is a rescale being filled whose stages so far all come before {@code stage}. */
    private boolean accepts(int stage) {
        return openRescale != null && parts.get(parts.size() - 1) == openRescale && rescaleStage < stage;
    }

    /** Appends an identity rescale to fill, one value per feature. */
    private void startRescale() {
        int n = Math.toIntExact(features());
        double[] ones = new double[n];
        Arrays.fill(ones, 1);
        openRescale = add(new Rescale(), Map.of("center", new double[n], "scale", ones, "offset", new double[n]));
        rescaleStage = -1;
    }

    private double[] values(String name) {
        return openRescale.values().get(name);
    }

    private Part add(Layer layer, Map<String, double[]> values) {
        Part p = new Part(layer, values);
        parts.add(p);
        openDense = null;
        return p;
    }
}
