package org.nnfs.layer;

import java.util.List;
import java.util.Map;

/**
 * One stage of a network, as configuration: immutable, unbound to any backend, and shareable between
 * models. A layer declares the tensors it needs ({@link #tensors}); the model allocates them and asks
 * the layer for {@linkplain #runner runners}, the per-thread objects that compute forward and backward
 * passes over them.
 *
 * <p>To save and load a model that contains it, a layer type is registered under its {@link #type()}
 * with settings matching its {@link #config()}: see {@code org.nnfs.registry} and CONTRIBUTING.md.
 */
public interface Layer {

    /** The registered type name, used in summaries, model files and tensor names, e.g. {@code dense}. */
    String type();

    /** The settings that rebuild this layer through its registration, as strings, e.g. {@code units=100}. */
    Map<String, String> config();

    /**
     * Output width for a given input width.
     *
     * @throws IllegalArgumentException when the layer cannot take that input width
     */
    int outputSize(int inputSize);

    /**
     * Every tensor the layer needs for a given input width, trainable parameters and buffers, with
     * unique names; known before anything is allocated. Empty for layers without state.
     */
    default List<TensorSpec> tensors(int inputSize) {
        return List.of();
    }

    /** A new runner of this layer over the tensors and buffers {@code context} gives it. */
    LayerRunner runner(LayerContext context);
}
