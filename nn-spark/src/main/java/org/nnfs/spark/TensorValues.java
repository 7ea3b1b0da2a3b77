package org.nnfs.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.nnfs.model.ModelTensor;
import org.nnfs.model.Sequential;
import org.nnfs.optim.Parameter;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;

/**
 * The values of some tensors as host arrays: what travels between the driver and the executors. Kept
 * in the tensors' own element type, so a float32 model sends half the bytes a double copy would and
 * loses nothing either way. An entry may be absent (a buffer a step did not change).
 */
final class TensorValues implements Serializable {
    private static final long serialVersionUID = 1L;

    private final float[][] floats;
    private final double[][] doubles;

    /** Room for {@code count} entries of {@code dtype}, all absent. */
    TensorValues(int count, DType dtype) {
        floats = dtype == DType.FLOAT32 ? new float[count][] : null;
        doubles = dtype == DType.FLOAT32 ? null : new double[count][];
    }

    /** The values of {@code tensors}, which share one element type. */
    static TensorValues of(List<Tensor> tensors) {
        TensorValues values = new TensorValues(tensors.size(), tensors.isEmpty() ? DType.FLOAT32 : tensors.get(0).dtype());
        for (int i = 0; i < tensors.size(); i++) {
            values.set(i, tensors.get(i));
        }
        return values;
    }

    /** Number of entries. */
    int size() {
        return floats != null ? floats.length : doubles.length;
    }

    /** Makes entry {@code i} a copy of {@code t}'s values. */
    void set(int i, Tensor t) {
        if (floats != null) {
            floats[i] = new float[t.size()];
            t.backend().copyTo(t, floats[i]);
        } else {
            doubles[i] = new double[t.size()];
            t.backend().copyTo(t, doubles[i]);
        }
    }

    /** Whether entry {@code i} is present. */
    boolean has(int i) {
        return floats != null ? floats[i] != null : doubles[i] != null;
    }

    /** Whether {@code t} holds exactly entry {@code i}'s values. */
    boolean matches(int i, Tensor t) {
        if (floats != null) {
            float[] now = new float[t.size()];
            t.backend().copyTo(t, now);
            return Arrays.equals(now, floats[i]);
        }
        double[] now = new double[t.size()];
        t.backend().copyTo(t, now);
        return Arrays.equals(now, doubles[i]);
    }

    /** Writes entries {@code from, from + 1, ...} into {@code tensors}, one each. */
    void writeTo(int from, List<Tensor> tensors) {
        for (int k = 0; k < tensors.size(); k++) {
            Tensor t = tensors.get(k);
            if (floats != null) {
                t.backend().copyFrom(floats[from + k], t);
            } else {
                t.backend().copyFrom(doubles[from + k], t);
            }
        }
    }

    /** {@code sum += weight · entry i}, allocating the sum on first use; returns it. */
    double[] addTo(int i, double[] sum, double weight) {
        int n = floats != null ? floats[i].length : doubles[i].length;
        double[] total = sum != null ? sum : new double[n];
        if (floats != null) {
            float[] v = floats[i];
            for (int k = 0; k < n; k++) {
                total[k] += weight * v[k];
            }
        } else {
            double[] v = doubles[i];
            for (int k = 0; k < n; k++) {
                total[k] += weight * v[k];
            }
        }
        return total;
    }

    /** Every tensor of {@code model}, parameters and buffers, in the model's order. */
    static List<Tensor> all(Sequential model) {
        List<Tensor> all = new ArrayList<>();
        for (ModelTensor t : model.tensors()) {
            all.add(t.value());
        }
        return all;
    }

    /** The values of {@code parameters}. */
    static List<Tensor> values(List<Parameter> parameters) {
        List<Tensor> values = new ArrayList<>(parameters.size());
        for (Parameter p : parameters) {
            values.add(p.value());
        }
        return values;
    }
}
