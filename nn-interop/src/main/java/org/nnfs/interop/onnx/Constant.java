package org.nnfs.interop.onnx;

import java.util.Arrays;

/**
 * A constant of an ONNX graph (an initializer, or the value of a {@code Constant} node), decoded.
 *
 * @param name   its name in the graph
 * @param dims   its shape (empty for a scalar)
 * @param values its values, row-major, widened to double
 */
record Constant(String name, long[] dims, double[] values) {

    /** Number of dimensions. */
    int rank() {
        return dims.length;
    }

    /** The shape as {@code [a, b]}, for messages. */
    String shape() {
        return Arrays.toString(dims);
    }

    /**
     * The constant broadcast (NumPy rules, right-aligned) over one example of data whose dimensions are
     * {@code [batch, dims...]}: one value per feature, row-major; or null when it does not broadcast that
     * way (it is larger than the data, or varies along the batch axis).
     */
    double[] perFeature(long[] exampleDims) {
        if (dims.length > exampleDims.length + 1) {
            return null;
        }
        if (dims.length == exampleDims.length + 1 && dims[0] != 1) {
            return null; // a value per example of the batch: not a per-feature constant
        }
        int offset = exampleDims.length - Math.min(dims.length, exampleDims.length);
        long[] own = Arrays.copyOfRange(dims, dims.length - (exampleDims.length - offset), dims.length);
        for (int i = 0; i < own.length; i++) {
            if (own[i] != 1 && own[i] != exampleDims[offset + i]) {
                return null;
            }
        }
        int features = 1;
        for (long d : exampleDims) {
            features = Math.multiplyExact(features, Math.toIntExact(d));
        }
        double[] out = new double[features];
        int[] index = new int[exampleDims.length];
        for (int f = 0; f < features; f++) {
            int source = 0;
            for (int i = 0; i < own.length; i++) {
                source = source * (int) own[i] + (own[i] == 1 ? 0 : index[offset + i]);
            }
            out[f] = values[source];
            for (int i = exampleDims.length - 1; i >= 0; i--) { // next index, row-major
                if (++index[i] < exampleDims[i]) {
                    break;
                }
                index[i] = 0;
            }
        }
        return out;
    }
}
