package org.nnfs.interop.onnx;

import java.io.IOException;
import java.nio.file.Path;
import org.nnfs.interop.onnx.proto.OnnxProto.AttributeProto;
import org.nnfs.interop.onnx.proto.OnnxProto.NodeProto;
import org.nnfs.io.InvalidModelFileException;

/**
 * One node of the imported chain, as its {@link NodeImport} sees it: which input carries the data, the
 * constants of its other inputs, its attributes, and the opset it was written for. Every problem is
 * reported with the node's name and op type.
 */
final class NodeIn {
    private final Path file;
    private final NodeProto node;
    private final int dataInput;
    private final Constants constants;
    private final int opset;

    NodeIn(Path file, NodeProto node, int dataInput, Constants constants, int opset) {
        this.file = file;
        this.node = node;
        this.dataInput = dataInput;
        this.constants = constants;
        this.opset = opset;
    }

    /** The node's op type, e.g. {@code Gemm}. */
    String opType() {
        return node.getOpType();
    }

    /** The version of the default operator set the graph was written for. */
    int opset() {
        return opset;
    }

    /** Which input (0, 1, ...) carries the data flowing through the chain. */
    int dataInput() {
        return dataInput;
    }

    /** The constant given as input {@code i}, or null when the input is absent (optional and left out). */
    Constant constant(int i) throws IOException {
        if (i >= node.getInputCount() || node.getInput(i).isEmpty()) {
            return null;
        }
        if (i == dataInput) {
            throw fail("input " + i + " is the data, not a constant");
        }
        return constants.get(node.getInput(i));
    }

    /** The constant given as input {@code i}, which the op needs. */
    Constant required(int i, String what) throws IOException {
        Constant c = constant(i);
        if (c == null) {
            throw fail("needs its " + what + " (input " + i + ")");
        }
        return c;
    }

    /** An integer attribute, or {@code fallback} when absent. */
    long integer(String name, long fallback) throws InvalidModelFileException {
        AttributeProto a = attribute(name);
        if (a == null) {
            return fallback;
        }
        if (a.getType() != AttributeProto.AttributeType.INT && a.getType() != AttributeProto.AttributeType.UNDEFINED) {
            throw fail("attribute '" + name + "' must be an integer, got " + a.getType());
        }
        return a.getI();
    }

    /** A real attribute, or {@code fallback} when absent. */
    double real(String name, double fallback) throws InvalidModelFileException {
        AttributeProto a = attribute(name);
        if (a == null) {
            return fallback;
        }
        if (a.getType() != AttributeProto.AttributeType.FLOAT && a.getType() != AttributeProto.AttributeType.UNDEFINED) {
            throw fail("attribute '" + name + "' must be a float, got " + a.getType());
        }
        return a.getF();
    }

    /** The attribute called {@code name}, or null. */
    AttributeProto attribute(String name) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    /** A problem with this node, naming it, its op type and the file. */
    InvalidModelFileException fail(String problem) {
        return new InvalidModelFileException(file, describe(node) + " " + problem);
    }

    /** {@code node 'Gemm_0' (Gemm)}. */
    static String describe(NodeProto node) {
        return "node '" + (node.getName().isEmpty() ? node.getOutputCount() > 0 ? node.getOutput(0) : "?"
                : node.getName()) + "' (" + node.getOpType() + ")";
    }

    /** Reads a node into the model being assembled: one entry of {@link NodeImports}' table. */
    @FunctionalInterface
    interface NodeImport {
        void apply(NodeIn node, ModelAssembly model) throws IOException;
    }
}
