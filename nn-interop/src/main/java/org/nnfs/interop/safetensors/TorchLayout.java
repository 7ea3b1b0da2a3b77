package org.nnfs.interop.safetensors;

import java.util.ArrayList;
import java.util.List;

import org.nnfs.layer.Layer;
import org.nnfs.layer.TensorSpec;
import org.nnfs.model.DeclaredTensor;

/**
 * Where a model's tensors go in a safetensors file, so that the file is the {@code state_dict} of a
 * PyTorch {@code nn.Sequential} of the same layers: layer {@code i}'s tensors are called {@code i.<name>};
 * a dense layer's weight is {@code i.weight} {@code [out, in]} (PyTorch's {@code nn.Linear} keeps it
 * transposed) and its bias {@code i.bias} {@code [out]}; every other {@code [1, n]} tensor is a vector
 * {@code [n]} under its declared name ({@code i.center}, {@code i.scale}, {@code i.offset} for a rescale),
 * and any other tensor keeps its shape.
 */
final class TorchLayout {
    private TorchLayout() {
    }

    /**
     * One tensor as the file holds it.
     *
     * @param key        its name in the file
     * @param shape      its shape in the file
     * @param transposed true when the file holds the model tensor's transpose
     * @param tensor     the model tensor it holds
     */
    record Entry(String key, long[] shape, boolean transposed, DeclaredTensor tensor) {
    }

    /** The file's entries for the model's declared tensors, in the model's order. */
    static List<Entry> entries(List<Layer> layers, List<DeclaredTensor> declared) {
        List<Entry> entries = new ArrayList<>();
        for (DeclaredTensor d : declared) {
            TensorSpec spec = d.spec();
            String key = d.layer() + "." + spec.name();
            boolean denseWeight = layers.get(d.layer()).type().equals("dense") && spec.name().equals("weight");
            long[] shape = denseWeight ? new long[] {spec.cols(), spec.rows()}
                    : spec.rows() == 1 ? new long[] {spec.cols()} : new long[] {spec.rows(), spec.cols()};
            entries.add(new Entry(key, shape, denseWeight, d));
        }
        return entries;
    }
}
