package org.nnfs.interop.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import com.google.protobuf.ByteString;

import org.nnfs.interop.onnx.proto.OnnxProto.AttributeProto;
import org.nnfs.interop.onnx.proto.OnnxProto.GraphProto;
import org.nnfs.interop.onnx.proto.OnnxProto.ModelProto;
import org.nnfs.interop.onnx.proto.OnnxProto.NodeProto;
import org.nnfs.interop.onnx.proto.OnnxProto.OperatorSetIdProto;
import org.nnfs.interop.onnx.proto.OnnxProto.TensorProto;
import org.nnfs.interop.onnx.proto.OnnxProto.TensorShapeProto;
import org.nnfs.interop.onnx.proto.OnnxProto.TypeProto;
import org.nnfs.interop.onnx.proto.OnnxProto.ValueInfoProto;

/**
 * Writes small ONNX graphs for tests, in the shapes other converters produce (tf2onnx's symbolic
 * dimensions and Reshape, scikit-learn's Cast and label output, old files listing initializers as
 * inputs). Dimensions are numbers, or names for symbolic ones.
 */
public final class GraphFile {
    private final GraphProto.Builder graph = GraphProto.newBuilder().setName("test");
    private final int opset;
    private long irVersion = 8;
    private final SplittableRandom random = new SplittableRandom(3);
    private int counter;

    public GraphFile(int opset) {
        this.opset = opset;
    }

    public GraphFile irVersion(long version) {
        this.irVersion = version;
        return this;
    }

    /** A float graph input. */
    public GraphFile input(String name, Object... dims) {
        graph.addInput(value(name, TensorProto.DataType.FLOAT_VALUE, dims));
        return this;
    }

    /** A graph output of the given element type. */
    public GraphFile typedOutput(String name, int elementType, Object... dims) {
        graph.addOutput(value(name, elementType, dims));
        return this;
    }

    /** A float graph output. */
    public GraphFile output(String name, Object... dims) {
        return typedOutput(name, TensorProto.DataType.FLOAT_VALUE, dims);
    }

    /** Adds an output value info, also listed as an input (as IR version 3 lists initializers). */
    public GraphFile listAsInput(String constant, Object... dims) {
        graph.addInput(value(constant, TensorProto.DataType.FLOAT_VALUE, dims));
        return this;
    }

    /** A float initializer of random values in [-1, 1); returns its name. */
    public String random(String name, long... dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextDouble(-1, 1);
        }
        return constant(name, dims, v);
    }

    /** A float initializer in raw data. */
    public String constant(String name, long[] dims, double... values) {
        graph.addInitializer(floats(name, dims, values));
        return name;
    }

    /** An int64 initializer (shapes). */
    public String longs(String name, long... values) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(values.length);
        for (long v : values) {
            t.addInt64Data(v);
        }
        graph.addInitializer(t);
        return name;
    }

    /** Any initializer. */
    public String initializer(TensorProto t) {
        graph.addInitializer(t);
        return t.getName();
    }

    /** A node with one output named after it; returns the output. */
    public String node(String opType, List<String> inputs, AttributeProto... attributes) {
        String name = opType + "_" + counter++;
        graph.addNode(NodeProto.newBuilder().setOpType(opType).setName(name).addAllInput(inputs).addOutput(name)
                .addAllAttribute(List.of(attributes)));
        return name;
    }

    /** A node with the given outputs. */
    public void node(String opType, List<String> inputs, List<String> outputs, AttributeProto... attributes) {
        graph.addNode(NodeProto.newBuilder().setOpType(opType).setName(opType + "_" + counter++).addAllInput(inputs)
                .addAllOutput(outputs).addAllAttribute(List.of(attributes)));
    }

    /** Any node. */
    public void node(NodeProto node) {
        graph.addNode(node);
    }

    public static AttributeProto integer(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
    }

    public static AttributeProto real(String name, double v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF((float) v)
                .build();
    }

    public static AttributeProto tensor(String name, TensorProto t) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.TENSOR).setT(t).build();
    }

    /** A float tensor in raw little-endian data. */
    public static TensorProto floats(String name, long[] dims, double... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putFloat((float) v);
        }
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(b.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    public ModelProto model() {
        return ModelProto.newBuilder().setIrVersion(irVersion).setProducerName("nnfs tests")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset)).setGraph(graph).build();
    }

    public Path write(Path dir, String name) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, model().toByteArray());
        return file;
    }

    private static ValueInfoProto value(String name, int elementType, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
            if (d instanceof Number n) {
                dim.setDimValue(n.longValue());
            } else if (d != null) {
                dim.setDimParam(d.toString());
            }
            shape.addDim(dim);
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(elementType).setShape(shape))).build();
    }

    /** Names, for inputs lists. */
    public static List<String> in(String... names) {
        return new ArrayList<>(List.of(names));
    }
}
