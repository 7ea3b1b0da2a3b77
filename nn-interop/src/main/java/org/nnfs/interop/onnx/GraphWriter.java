package org.nnfs.interop.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.google.protobuf.ByteString;

import org.nnfs.interop.onnx.proto.OnnxProto.AttributeProto;
import org.nnfs.interop.onnx.proto.OnnxProto.GraphProto;
import org.nnfs.interop.onnx.proto.OnnxProto.NodeProto;
import org.nnfs.interop.onnx.proto.OnnxProto.TensorProto;
import org.nnfs.tensor.DType;

/**
 * Builds the graph of an exported model, one layer after the other: constants (initializers, in the
 * model's element type, raw little-endian data) and nodes, every name unique.
 */
final class GraphWriter {
    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final DType dtype;
    private final Set<String> names = new HashSet<>();

    GraphWriter(DType dtype) {
        this.dtype = dtype;
    }

    /** The element type of every constant and value. */
    DType dtype() {
        return dtype;
    }

    /** ONNX's code for {@link #dtype()}. */
    int elementType() {
        return OnnxTypes.elementType(dtype);
    }

    /** Adds a constant of the given shape, values row-major; returns its name. */
    String constant(String name, long[] dims, double[] values) {
        claim(name);
        ByteBuffer data = ByteBuffer.allocate(values.length * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            if (dtype == DType.FLOAT32) {
                data.putFloat((float) v);
            } else {
                data.putDouble(v);
            }
        }
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(elementType())
                .setRawData(ByteString.copyFrom(data.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return name;
    }

    /** Adds a node named {@code name} whose one output is also called {@code name}; returns that name. */
    String node(String opType, String name, List<String> inputs, AttributeProto... attributes) {
        claim(name);
        graph.addNode(NodeProto.newBuilder().setOpType(opType).setName(name).addAllInput(inputs).addOutput(name)
                .addAllAttribute(List.of(attributes)));
        return name;
    }

    /** An integer attribute. */
    static AttributeProto attribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    /** A real attribute (ONNX keeps them in float32). */
    static AttributeProto attribute(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value)
                .build();
    }

    /**
     * Makes {@code value} the graph's output called {@code output}: the node computing it is renamed, or an
     * {@code Identity} is added when {@code value} is no node's output (a model of layers that all vanish).
     */
    GraphProto.Builder finish(String value, String output) {
        for (int i = 0; i < graph.getNodeCount(); i++) {
            NodeProto node = graph.getNode(i);
            if (node.getOutputCount() == 1 && node.getOutput(0).equals(value)) {
                graph.setNode(i, node.toBuilder().setOutput(0, output));
                return graph;
            }
        }
        node("Identity", output, List.of(value));
        return graph;
    }

    private void claim(String name) {
        if (!names.add(name)) {
            throw new IllegalStateException("two values named '" + name + "' in one graph");
        }
    }
}
