package org.nnfs.model;

import org.nnfs.layer.TensorSpec;
import org.nnfs.tensor.Tensor;

/**
 * One tensor a model holds for its layers: a trained parameter or a buffer, as a layer declared it.
 * Shared by every pass over the model; model files save and load exactly these, in this order.
 *
 * @param name  {@code <layer type>_<layer index>.<declared name>}, e.g. {@code dense_0.weight}
 * @param layer index of the layer that declared it
 * @param spec  the declaration
 * @param value the values on the model's backend
 */
public record ModelTensor(String name, int layer, TensorSpec spec, Tensor value) {

    /** True for a trained parameter, false for a buffer. */
    public boolean isParameter() {
        return spec.isParameter();
    }
}
