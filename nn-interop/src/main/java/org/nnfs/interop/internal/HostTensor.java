package org.nnfs.interop.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nnfs.model.ModelTensor;
import org.nnfs.model.Sequential;

/**
 * A copy of one model tensor on the host, row-major in double precision (exact for float32 and
 * float64 alike), for writers of other formats.
 *
 * @param rows   rows of the tensor
 * @param cols   columns of the tensor
 * @param values {@code rows * cols} values, row-major
 */
public record HostTensor(int rows, int cols, double[] values) {

    /** The value at {@code (r, c)}. */
    public double get(int r, int c) {
        return values[r * cols + c];
    }

    /** The values transposed: {@code [cols, rows]} row-major (a weight as PyTorch and ONNX's Gemm keep it). */
    public double[] transposed() {
        double[] t = new double[values.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = values[r * cols + c];
            }
        }
        return t;
    }

    /** True when every value is {@code v}. */
    public boolean all(double v) {
        for (double x : values) {
            if (x != v) {
                return false;
            }
        }
        return true;
    }

    /** Every tensor of the model, copied to the host, by layer index and declared name. */
    public static List<Map<String, HostTensor>> byLayer(Sequential model) {
        List<Map<String, HostTensor>> layers = new ArrayList<>();
        for (int i = 0; i < model.layers().size(); i++) {
            layers.add(new LinkedHashMap<>());
        }
        for (ModelTensor t : model.tensors()) {
            layers.get(t.layer()).put(t.spec().name(),
                    new HostTensor(t.value().rows(), t.value().cols(), t.value().toDoubleArray()));
        }
        layers.replaceAll(Collections::unmodifiableMap);
        return List.copyOf(layers);
    }
}
