package org.nnfs.model;

import java.util.Map;

import org.nnfs.internal.RowBuffers;
import org.nnfs.layer.LayerContext;
import org.nnfs.layer.Scratch;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;

/** What one layer's runner in one pass sees: the model's tensors of that layer and, in training, their gradients. */
final class RunnerContext implements LayerContext {
    private final Sequential model;
    private final int layer;
    private final Map<String, Tensor> gradients;
    private final boolean training;

    /**
     * @param gradients the pass's gradients of the layer's parameters, by declared name (empty for an
     *                  inference pass)
     */
    RunnerContext(Sequential model, int layer, Map<String, Tensor> gradients, boolean training) {
        this.model = model;
        this.layer = layer;
        this.gradients = gradients;
        this.training = training;
    }

    @Override
    public Backend backend() {
        return model.backend();
    }

    @Override
    public DType dtype() {
        return model.dtype();
    }

    @Override
    public String layerName() {
        return Sequential.layerName(model.layers().get(layer), layer);
    }

    @Override
    public int inputSize() {
        return model.width(layer);
    }

    @Override
    public boolean training() {
        return training;
    }

    @Override
    public Tensor tensor(String name) {
        ModelTensor t = model.layerTensors(layer).get(name);
        if (t == null) {
            throw new IllegalArgumentException(what() + " declared no tensor '" + name + "'; it declared "
                    + model.layerTensors(layer).keySet());
        }
        return t.value();
    }

    @Override
    public Tensor gradient(String name) {
        if (!training) {
            throw new IllegalStateException(what() + ": an inference pass has no gradients (asked for '" + name + "')");
        }
        Tensor g = gradients.get(name);
        if (g == null) {
            throw new IllegalArgumentException(what() + " declared no parameter '" + name + "'; its parameters are "
                    + gradients.keySet());
        }
        return g;
    }

    @Override
    public Scratch scratch(int cols) {
        RowBuffers buffers = new RowBuffers(model.backend(), model.dtype(), cols);
        return buffers::get;
    }

    private String what() {
        return "layer " + layer + " (" + model.layers().get(layer) + ")";
    }
}
