package org.nnfs.spark;

import java.util.ArrayList;
import java.util.List;

import org.nnfs.model.ModelTensor;
import org.nnfs.model.Sequential;
import org.nnfs.optim.Parameter;
import org.nnfs.tensor.Tensor;

/**
 * Tensors to host arrays and back: what travels between the driver and the executors is one
 * {@code double[]} per tensor (doubles, so that float64 models lose nothing on the way).
 */
final class TensorValues {
    private TensorValues() {
    }

    /** The values of {@code tensors}, one new array each. */
    static double[][] read(List<Tensor> tensors) {
        double[][] values = new double[tensors.size()][];
        for (int i = 0; i < values.length; i++) {
            Tensor t = tensors.get(i);
            values[i] = new double[t.size()];
            t.backend().copyTo(t, values[i]);
        }
        return values;
    }

    /** Writes {@code values[i]} into {@code tensors.get(i)} for every tensor (values may hold more arrays). */
    static void write(double[][] values, List<Tensor> tensors) {
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            t.backend().copyFrom(values[i], t);
        }
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

    /** The gradients of {@code parameters}. */
    static List<Tensor> gradients(List<Parameter> parameters) {
        List<Tensor> grads = new ArrayList<>(parameters.size());
        for (Parameter p : parameters) {
            grads.add(p.grad());
        }
        return grads;
    }
}
