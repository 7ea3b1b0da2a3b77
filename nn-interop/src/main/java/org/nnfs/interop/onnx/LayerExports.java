package org.nnfs.interop.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.nnfs.interop.internal.HostTensor;
import org.nnfs.layer.Rescale;

/**
 * The export table: for each layer type, the ONNX nodes that compute it in inference. A layer type that
 * has no entry is refused by name before anything is written. Adding a type is one entry here (and a
 * case in the round-trip tests that run the result in ONNX Runtime).
 */
final class LayerExports {
    private static final Map<String, LayerExport> TABLE = new TreeMap<>();

    static {
        // Z = X·W + b: W is [in, out] as this library keeps it, so Gemm needs no transpose.
        TABLE.put("dense", (in, g) -> {
            HostTensor w = in.tensor("weight");
            HostTensor b = in.tensor("bias");
            return g.node("Gemm", in.name(), List.of(in.input(),
                    g.constant(in.name() + ".weight", new long[] {w.rows(), w.cols()}, w.values()),
                    g.constant(in.name() + ".bias", new long[] {b.cols()}, b.values())));
        });
        TABLE.put("relu", (in, g) -> g.node("Relu", in.name(), List.of(in.input())));
        TABLE.put("sigmoid", (in, g) -> g.node("Sigmoid", in.name(), List.of(in.input())));
        TABLE.put("tanh", (in, g) -> g.node("Tanh", in.name(), List.of(in.input())));
        // The activation ONNX's LeakyRelu imports to; its slope setting is ONNX's alpha.
        TABLE.put(NodeImports.LEAKY_RELU, (in, g) -> g.node("LeakyRelu", in.name(), List.of(in.input()),
                GraphWriter.attribute("alpha", Float.parseFloat(setting(in, NodeImports.LEAKY_RELU_SLOPE)))));
        TABLE.put("softmax", (in, g) -> g.node("Softmax", in.name(), List.of(in.input()),
                GraphWriter.attribute("axis", 1L)));
        // Inverted dropout is the identity in inference: the exported graph has no node for it.
        TABLE.put("dropout", (in, g) -> in.input());
        TABLE.put(Rescale.TYPE, LayerExports::rescale);
    }

    private LayerExports() {
    }

    /** The entry for {@code type}, or null. */
    static LayerExport get(String type) {
        return TABLE.get(type);
    }

    /** The exportable layer types, sorted. */
    static List<String> types() {
        return new ArrayList<>(TABLE.keySet());
    }

    private static String setting(LayerExport.In in, String name) {
        String value = in.layer().config().get(name);
        if (value == null) {
            throw new IllegalStateException(in.layer() + " has no setting '" + name + "' in " + in.layer().config());
        }
        return value;
    }

    /** (x - center) · scale + offset as Sub, Mul, Add by [width] constants, leaving out the identities. */
    private static String rescale(LayerExport.In in, GraphWriter g) {
        String value = elementwise(in, g, in.input(), "Sub", "center", 0);
        value = elementwise(in, g, value, "Mul", "scale", 1);
        return elementwise(in, g, value, "Add", "offset", 0);
    }

    private static String elementwise(LayerExport.In in, GraphWriter g, String value, String op, String tensor,
                                      double identity) {
        HostTensor t = in.tensor(tensor);
        if (t.all(identity)) {
            return value;
        }
        String constant = g.constant(in.name() + "." + tensor, new long[] {t.cols()}, t.values());
        return g.node(op, in.name() + "." + op.toLowerCase(Locale.ROOT), List.of(value, constant));
    }
}
