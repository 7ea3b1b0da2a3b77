package org.nnfs.interop.onnx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.nnfs.interop.onnx.proto.OnnxProto.AttributeProto;
import org.nnfs.interop.onnx.proto.OnnxProto.GraphProto;
import org.nnfs.interop.onnx.proto.OnnxProto.NodeProto;
import org.nnfs.interop.onnx.proto.OnnxProto.TensorProto;
import org.nnfs.io.InvalidModelFileException;

/**
 * The constants of a graph by name: its initializers and the outputs of its {@code Constant} nodes,
 * decoded on first use (a graph may carry constants that no imported node reads).
 */
final class Constants {
    private final Path file;
    private final TensorDecoder decoder;
    private final Map<String, TensorProto> initializers = new HashMap<>();
    private final Map<String, NodeProto> constantNodes = new HashMap<>();
    private final Map<String, Constant> decoded = new HashMap<>();

    Constants(Path file, GraphProto graph) throws InvalidModelFileException {
        this.file = file;
        this.decoder = new TensorDecoder(file);
        for (TensorProto t : graph.getInitializerList()) {
            if (initializers.put(t.getName(), t) != null) {
                throw new InvalidModelFileException(file, "two initializers are called '" + t.getName() + "'");
            }
        }
        for (NodeProto n : graph.getNodeList()) {
            if (n.getOpType().equals("Constant") && n.getOutputCount() == 1 && isDefaultDomain(n.getDomain())) {
                constantNodes.put(n.getOutput(0), n);
            }
        }
    }

    static boolean isDefaultDomain(String domain) {
        return domain.isEmpty() || domain.equals("ai.onnx");
    }

    /** True when {@code name} is a constant of the graph. */
    boolean contains(String name) {
        return initializers.containsKey(name) || constantNodes.containsKey(name);
    }

    /** The constant called {@code name}, decoded; null when there is none. */
    Constant get(String name) throws IOException {
        Constant c = decoded.get(name);
        if (c == null && contains(name)) {
            c = initializers.containsKey(name) ? decoder.decode(initializers.get(name)) : fromNode(constantNodes.get(name));
            decoded.put(name, c);
        }
        return c;
    }

    /** A {@code Constant} node's value: a tensor, or one or several floats or integers. */
    private Constant fromNode(NodeProto node) throws IOException {
        if (node.getAttributeCount() != 1) {
            throw new InvalidModelFileException(file, NodeIn.describe(node) + " must have exactly one attribute, "
                    + "its value");
        }
        AttributeProto a = node.getAttribute(0);
        String name = node.getOutput(0);
        switch (a.getName()) {
            case "value":
                Constant t = decoder.decode(a.getT());
                return new Constant(name, t.dims(), t.values());
            case "value_float":
                return new Constant(name, new long[0], new double[] {a.getF()});
            case "value_int":
                return new Constant(name, new long[0], new double[] {a.getI()});
            case "value_floats":
                double[] floats = new double[a.getFloatsCount()];
                for (int i = 0; i < floats.length; i++) {
                    floats[i] = a.getFloats(i);
                }
                return new Constant(name, new long[] {floats.length}, floats);
            case "value_ints":
                double[] ints = new double[a.getIntsCount()];
                for (int i = 0; i < ints.length; i++) {
                    ints[i] = a.getInts(i);
                }
                return new Constant(name, new long[] {ints.length}, ints);
            default:
                throw new InvalidModelFileException(file, NodeIn.describe(node) + " holds its value as '" + a.getName()
                        + "'; supported: value, value_float(s), value_int(s)");
        }
    }
}
