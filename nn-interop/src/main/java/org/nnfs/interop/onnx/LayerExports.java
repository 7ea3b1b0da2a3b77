package org.nnfs.interop.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.nnfs.interop.internal.HostTensor;
import org.nnfs.interop.onnx.proto.OnnxProto.AttributeProto;
import org.nnfs.interop.onnx.proto.OnnxProto.TensorProto;
import org.nnfs.layer.BatchNorm;
import org.nnfs.layer.LayerNorm;
import org.nnfs.layer.Rescale;
import org.nnfs.tensor.DType;

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
        TABLE.put(BatchNorm.TYPE, LayerExports::batchNorm);
        // LayerNormalization came in opset 17; axis -1 normalises each row over its features.
        TABLE.put(LayerNorm.TYPE, (in, g) -> g.node("LayerNormalization", in.name(),
                List.of(in.input(), vector(in, g, "gamma"), vector(in, g, "beta")),
                GraphWriter.attribute("axis", -1L), epsilon(in)));
        TABLE.put("gelu", LayerExports::gelu);
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

    /**
     * Inference: {@code (x - running_mean) / sqrt(running_var + epsilon) · gamma + beta}. ONNX's momentum is
     * the share the running statistics keep, one minus this library's (which is the batch's share); only
     * training mode reads it.
     */
    private static String batchNorm(LayerExport.In in, GraphWriter g) {
        float momentum = (float) (1 - Double.parseDouble(setting(in, "momentum")));
        return g.node("BatchNormalization", in.name(), List.of(in.input(), vector(in, g, "gamma"),
                vector(in, g, "beta"), vector(in, g, "running_mean"), vector(in, g, "running_var")),
                epsilon(in), GraphWriter.attribute("momentum", momentum));
    }

    /**
     * The exact GELU as opset 17 spells it (it has no {@code Gelu}, which came in opset 20):
     * {@code Mul(x, Mul(0.5, Add(1, Erf(Div(x, sqrt(2))))))}, the form {@link GeluPattern} reads back. In a
     * float64 graph the {@code Erf} runs in float32 between two {@code Cast}s: ONNX defines it for doubles,
     * but ONNX Runtime (1.23.2) has no double kernel for it and would refuse the file; Φ then carries float32's
     * rounding (about 1e-7), the rest of the graph float64's.
     */
    private static String gelu(LayerExport.In in, GraphWriter g) {
        String name = in.name();
        String x = in.input();
        String scaled = g.node("Div", name + ".div", List.of(x, g.constant(name + ".sqrt2", new long[0],
                new double[] {Math.sqrt(2)})));
        String erf;
        if (g.dtype() == DType.FLOAT64) {
            String single = g.node("Cast", name + ".to_float", List.of(scaled),
                    GraphWriter.attribute("to", (long) TensorProto.DataType.FLOAT_VALUE));
            erf = g.node("Cast", name + ".to_double", List.of(g.node("Erf", name + ".erf", List.of(single))),
                    GraphWriter.attribute("to", (long) TensorProto.DataType.DOUBLE_VALUE));
        } else {
            erf = g.node("Erf", name + ".erf", List.of(scaled));
        }
        String plusOne = g.node("Add", name + ".add", List.of(g.constant(name + ".one", new long[0],
                new double[] {1}), erf));
        String phi = g.node("Mul", name + ".phi", List.of(g.constant(name + ".half", new long[0],
                new double[] {0.5}), plusOne));
        return g.node("Mul", name, List.of(x, phi));
    }

    /** The layer's {@code [1, width]} tensor {@code tensor} as a {@code [width]} constant named after it. */
    private static String vector(LayerExport.In in, GraphWriter g, String tensor) {
        HostTensor t = in.tensor(tensor);
        return g.constant(in.name() + "." + tensor, new long[] {t.cols()}, t.values());
    }

    /** The layer's epsilon setting as ONNX's attribute (a float32). */
    private static AttributeProto epsilon(LayerExport.In in) {
        return GraphWriter.attribute("epsilon", Float.parseFloat(setting(in, "epsilon")));
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
