package org.nnfs.interop.onnx;

import java.util.Map;

import org.nnfs.interop.internal.HostTensor;
import org.nnfs.layer.Layer;

/**
 * How one layer type becomes ONNX nodes: one entry of {@link LayerExports}' table.
 */
@FunctionalInterface
interface LayerExport {

    /**
     * Adds the layer's constants and nodes to {@code graph} and returns the name of the value the layer
     * outputs ({@code in.input()} itself for a layer that inference skips, such as dropout).
     */
    String export(In in, GraphWriter graph);

    /**
     * One layer to export.
     *
     * @param layer   the layer
     * @param name    its unique name in the graph, {@code <type>_<index>} as its tensors are prefixed
     * @param input   the name of the value it reads, {@code [batch, width]}
     * @param width   its input width
     * @param tensors its tensors on the host, by declared name
     */
    record In(Layer layer, String name, String input, int width, Map<String, HostTensor> tensors) {

        /** The layer's tensor called {@code name}. */
        HostTensor tensor(String name) {
            HostTensor t = tensors.get(name);
            if (t == null) {
                throw new IllegalStateException(layer + " declares no tensor '" + name + "'");
            }
            return t;
        }
    }
}
