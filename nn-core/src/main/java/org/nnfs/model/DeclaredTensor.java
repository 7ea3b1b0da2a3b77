package org.nnfs.model;

import org.nnfs.layer.TensorSpec;

/**
 * A tensor a model will hold, before anything is allocated: its model-wide name, the layer that
 * declared it and the declaration. See {@link Sequential.Builder#declarations()}.
 *
 * @param name  {@code <layer type>_<layer index>.<declared name>}, e.g. {@code dense_0.weight}
 * @param layer index of the layer that declared it
 * @param spec  the layer's declaration
 */
public record DeclaredTensor(String name, int layer, TensorSpec spec) {
}
