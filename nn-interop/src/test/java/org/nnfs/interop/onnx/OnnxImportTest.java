package org.nnfs.interop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnfs.interop.onnx.GraphFile.in;
import static org.nnfs.interop.onnx.GraphFile.integer;
import static org.nnfs.interop.onnx.GraphFile.real;
import static org.nnfs.interop.testing.Close.assertClose;
import static org.nnfs.interop.testing.Close.widen;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import com.google.protobuf.ByteString;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnfs.interop.onnx.proto.OnnxProto.AttributeProto;
import org.nnfs.interop.onnx.proto.OnnxProto.NodeProto;
import org.nnfs.interop.onnx.proto.OnnxProto.StringStringEntryProto;
import org.nnfs.interop.onnx.proto.OnnxProto.TensorProto;
import org.nnfs.interop.onnx.proto.OnnxProto.TypeProto;
import org.nnfs.interop.onnx.proto.OnnxProto.ValueInfoProto;
import org.nnfs.interop.testing.OnnxRuntime;
import org.nnfs.io.InvalidModelFileException;
import org.nnfs.layer.Layer;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Backends;
import org.nnfs.tensor.DType;

/**
 * Graphs in the shapes other converters write, built here with ONNX's own schema: each imports, and the
 * model reproduces ONNX Runtime's outputs on random inputs; and graphs this library cannot compute are
 * refused with one line naming the node, its op type and what is supported.
 */
class OnnxImportTest {
    private static final Backend BACKEND = Backends.get("reference");
    private static final int ROWS = 16;

    @TempDir
    Path dir;

    /** Imports {@code file}, checks its layer types, and compares it with ONNX Runtime on random rows. */
    private Sequential assertMatchesRuntime(Path file, String input, long[] exampleShape, String output,
                                            List<String> layers) throws Exception {
        Sequential model = Onnx.load(file, BACKEND);
        assertEquals(layers, model.layers().stream().map(Layer::type).toList());
        int width = model.inputSize();
        float[] x = new float[ROWS * width];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble();
        }
        long[] shape = new long[exampleShape.length + 1];
        shape[0] = ROWS;
        System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
        float[] runtime = OnnxRuntime.run(file, input, x, shape, output);
        assertClose(widen(runtime), model.predict(BACKEND.fromArray(x, ROWS, width, DType.FLOAT32)).toDoubleArray(),
                1e-5, file.getFileName().toString());
        return model;
    }

    private static AttributeProto text(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build();
    }

    private static void assertRefused(Path file, String... parts) {
        InvalidModelFileException e = assertThrows(InvalidModelFileException.class, () -> Onnx.load(file, BACKEND));
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
        }
        assertEquals(1, e.getMessage().lines().count(), "one line");
    }

    @Nested
    @DisplayName("reads")
    class Reads {
        @Test
        @DisplayName("tf2onnx's shape of a Keras MLP: symbolic batch, Reshape to [-1, 784], MatMul + Add, opset 13 Softmax")
        void keras() throws Exception {
            GraphFile g = new GraphFile(13).input("input_1", "unk__6", 28, 28).output("dense_1", "unk__7", 10);
            String x = g.node("Reshape", in("input_1", g.longs("const_shape", -1, 784)));
            x = g.node("Add", in(g.node("MatMul", in(x, g.random("dense/kernel", 784, 16))), g.random("dense/bias", 16)));
            x = g.node("Relu", in(x));
            x = g.node("Add", in(g.node("MatMul", in(x, g.random("dense_1/kernel", 16, 10))), g.random("dense_1/bias", 10)));
            g.node("Softmax", in(x), List.of("dense_1"));
            assertMatchesRuntime(g.write(dir, "keras.onnx"), "input_1", new long[] {28, 28}, "dense_1",
                    List.of("dense", "relu", "dense", "softmax"));
        }

        @Test
        @DisplayName("scikit-learn's shape of an MLPClassifier: unknown width, Cast, Add(bias, x), a label output beside")
        void sklearn() throws Exception {
            GraphFile g = new GraphFile(15).input("float_input", null, null)
                    .typedOutput("label", TensorProto.DataType.INT64_VALUE, (Object) null)
                    .output("probabilities", null, 3);
            String x = g.node("Cast", in("float_input"), integer("to", TensorProto.DataType.FLOAT_VALUE));
            x = g.node("Add", in(g.random("b0", 1, 8), g.node("MatMul", in(x, g.random("w0", 20, 8)))));
            x = g.node("Relu", in(x));
            x = g.node("Add", in(g.node("MatMul", in(x, g.random("w1", 8, 3))), g.random("b1", 3)));
            g.node("Softmax", in(x), List.of("probabilities"), integer("axis", 1));
            g.node("ArgMax", in("probabilities"), List.of("label"), integer("axis", 1), integer("keepdims", 0));
            Sequential model = assertMatchesRuntime(g.write(dir, "sklearn.onnx"), "float_input", new long[] {20},
                    "probabilities", List.of("dense", "relu", "dense", "softmax"));
            assertEquals(20, model.inputSize(), "the width comes from the first weights");
        }

        @Test
        @DisplayName("Gemm's alpha, beta, transB and a scalar bias; Mul, Sub, Div, Add(c, x); Identity; Dropout; opset 11 Softmax")
        void gemmAndConstants() throws Exception {
            GraphFile g = new GraphFile(11).input("x", "N", 6).output("y", "N", 3);
            String x = g.node("Gemm", in("x", g.random("B", 6, 5), g.random("C", 5)), real("alpha", 0.5),
                    real("beta", 2));
            x = g.node("Sigmoid", in(x));
            x = g.node("Gemm", in(x, g.random("B2", 3, 5), g.constant("C2", new long[0], 0.25)), integer("transB", 1));
            x = g.node("Tanh", in(x));
            x = g.node("Mul", in(x, g.random("m", 1, 3)));
            x = g.node("Sub", in(x, g.random("s", 3)));
            x = g.node("Div", in(x, g.constant("d", new long[] {1}, 0.7)));
            x = g.node("Add", in(g.random("a", 3), x));
            x = g.node("Identity", in(x));
            g.node("Dropout", in(x), List.of("dropped"), real("ratio", 0.5));
            g.node("Softmax", in("dropped"), List.of("y"));
            assertMatchesRuntime(g.write(dir, "gemm.onnx"), "x", new long[] {6}, "y",
                    List.of("dense", "sigmoid", "dense", "tanh", "rescale", "rescale", "softmax"));
        }

        @Test
        @DisplayName("c - x, as a rescale by -1 with an offset")
        void constantMinusData() throws Exception {
            GraphFile g = new GraphFile(13).input("x", "N", 4).output("y", "N", 4);
            g.node("Sub", in(g.random("c", 4), "x"), List.of("y"));
            assertMatchesRuntime(g.write(dir, "minus.onnx"), "x", new long[] {4}, "y", List.of("rescale"));
        }

        @Test
        @DisplayName("an old file (IR 3, opset 7) listing its initializers as inputs, with a static batch of 1")
        void initializersAsInputs() throws Exception {
            GraphFile g = new GraphFile(7).irVersion(3).input("data", 1, 4).output("out", 1, 3);
            g.listAsInput(g.random("W", 3, 4), 3, 4);
            g.listAsInput(g.random("b", 3), 3);
            g.node("Relu", in(g.node("Gemm", in("data", "W", "b"), integer("transB", 1))), List.of("out"));
            Path file = g.write(dir, "old.onnx");
            Sequential model = Onnx.load(file, BACKEND);
            assertEquals(List.of("dense", "relu"), model.layers().stream().map(Layer::type).toList());
            float[] x = {0.1f, -0.4f, 0.9f, 0.3f};
            assertClose(widen(OnnxRuntime.run(file, "data", x, new long[] {1, 4}, "out")),
                    model.predict(BACKEND.fromArray(x, 1, 4, DType.FLOAT32)).toDoubleArray(), 1e-6, "old file");
        }

        @Test
        @DisplayName("Constant nodes (a tensor and a value_float), BatchNormalization, LeakyRelu")
        void constantNodesAndBatchNorm() throws Exception {
            GraphFile g = new GraphFile(15).input("x", "N", 5).output("y", "N", 5);
            g.node(NodeProto.newBuilder().setOpType("Constant").setName("k").addOutput("k")
                    .addAttribute(real("value_float", 1.5).toBuilder().setName("value_float")).build());
            g.node(NodeProto.newBuilder().setOpType("Constant").setName("shift").addOutput("shift")
                    .addAttribute(GraphFile.tensor("value", GraphFile.floats("", new long[] {5}, 1, 2, 3, 4, 5))).build());
            String x = g.node("Mul", in("x", "k"));
            x = g.node("Add", in(x, "shift"));
            x = g.node("BatchNormalization", in(x, g.random("gamma", 5), g.random("beta", 5), g.random("mean", 5),
                    g.constant("var", new long[] {5}, 0.5, 1, 1.5, 2, 2.5)), real("epsilon", 1e-3));
            g.node("LeakyRelu", in(x), List.of("y"), real("alpha", 0.2));
            assertMatchesRuntime(g.write(dir, "bn.onnx"), "x", new long[] {5}, "y",
                    List.of("rescale", "rescale", "leaky_relu"));
        }

        @Test
        @DisplayName("opset 17: LayerNormalization, and the exact GELU in Erf form with Mul by 1/√2 and operands swapped")
        void layerNormAndErfGelu() throws Exception {
            GraphFile g = new GraphFile(17).input("x", "N", 6).output("y", "N", 6);
            String x = g.node("LayerNormalization", in("x", g.random("gamma", 6), g.random("beta", 6)),
                    integer("axis", -1), real("epsilon", 1e-3));
            String phi = g.node("Mul", in(g.constant("rsqrt2", new long[0], Math.sqrt(0.5)), x));
            phi = g.node("Erf", in(phi));
            phi = g.node("Add", in(phi, g.constant("one", new long[] {1}, 1)));
            phi = g.node("Mul", in(phi, g.constant("half", new long[0], 0.5)));
            g.node("Mul", in(phi, x), List.of("y"));
            Sequential model = assertMatchesRuntime(g.write(dir, "ln_gelu.onnx"), "x", new long[] {6}, "y",
                    List.of("layer_norm", "gelu"));
            assertEquals("0.001", model.layers().get(0).config().get("epsilon"), "the float attribute as written");
        }

        @Test
        @DisplayName("the exact GELU as PyTorch's exporter writes it before opset 20: Mul(Mul(x, Add(Erf(Div(x, √2)), 1)), 0.5)")
        void pytorchGelu() throws Exception {
            GraphFile g = new GraphFile(17).input("x", "N", 6).output("y", "N", 3);
            String x = g.node("Gemm", in("x", g.random("w", 6, 3)));
            String erf = g.node("Erf", in(g.node("Div", in(x, g.constant("sqrt2", new long[0], 1.4142135623730951)))));
            String product = g.node("Mul", in(x, g.node("Add", in(erf, g.constant("one", new long[0], 1)))));
            g.node("Mul", in(product, g.constant("half", new long[0], 0.5)), List.of("y"));
            assertMatchesRuntime(g.write(dir, "torch_gelu.onnx"), "x", new long[] {6}, "y", List.of("dense", "gelu"));
        }

        @Test
        @DisplayName("opset 20: Gelu with approximate = 'none', and LayerNormalization without a bias")
        void geluOp() throws Exception {
            GraphFile g = new GraphFile(20).input("x", "N", 5).output("y", "N", 5);
            String x = g.node("LayerNormalization", in("x", g.random("gamma", 5)));
            g.node("Gelu", in(x), List.of("y"), text("approximate", "none"));
            assertMatchesRuntime(g.write(dir, "gelu20.onnx"), "x", new long[] {5}, "y", List.of("layer_norm", "gelu"));
        }

        @Test
        @DisplayName("images: per-channel Mul, Flatten from axis -3, Reshape [0, -1] after it")
        void images() throws Exception {
            GraphFile g = new GraphFile(13).input("image", "N", 3, 2, 2).output("y", "N", 4);
            String x = g.node("Mul", in("image", g.constant("per_channel", new long[] {3, 1, 1}, 2, -1, 0.5)));
            x = g.node("Relu", in(x));
            x = g.node("Flatten", in(x), integer("axis", -3));
            x = g.node("Reshape", in(x, g.longs("shape", 0, -1)));
            g.node("MatMul", in(x, g.random("w", 12, 4)), List.of("y"));
            assertMatchesRuntime(g.write(dir, "images.onnx"), "image", new long[] {3, 2, 2}, "y",
                    List.of("rescale", "relu", "dense"));
        }

        @Test
        @DisplayName("weights in an external file beside the model")
        void externalData() throws Exception {
            Files.write(dir.resolve("weights.bin"), externalBytes(8, 4 * 3));
            GraphFile g = new GraphFile(13).input("x", "N", 4).output("y", "N", 3);
            g.initializer(external("w", new long[] {4, 3}, "weights.bin", 8, 48));
            g.node("MatMul", in("x", "w"), List.of("y"));
            assertMatchesRuntime(g.write(dir, "external.onnx"), "x", new long[] {4}, "y", List.of("dense"));
        }

        @Test
        @DisplayName("one of several float outputs, when named")
        void namedOutput() throws Exception {
            GraphFile g = new GraphFile(13).input("x", "N", 4).output("logits", "N", 2).output("p", "N", 2);
            g.node("Gemm", in("x", g.random("w", 4, 2)), List.of("logits"));
            g.node("Softmax", in("logits"), List.of("p"));
            Path file = g.write(dir, "two.onnx");
            assertRefused(file, "the graph has outputs [logits, p]; name the one to import");
            assertEquals(List.of("dense"), Onnx.load(file, BACKEND, "logits").layers().stream().map(Layer::type).toList());
            assertEquals(2, Onnx.load(file, BACKEND, "p").layers().size());
        }
    }

    @Nested
    @DisplayName("refuses, in one line")
    class Refuses {
        private GraphFile mlp(int opset) {
            return new GraphFile(opset).input("x", "N", 4).output("y", "N", 3);
        }

        @Test
        @DisplayName("LayerNormalization over more than the last axis, naming the node")
        void layerNormAxis() throws IOException {
            GraphFile g = mlp(17);
            String x = g.node("LayerNormalization", in("x", g.random("gamma", 4, 4)), integer("axis", 0));
            g.node("MatMul", in(x, g.random("w", 4, 3)), List.of("y"));
            assertRefused(g.write(dir, "ln_axis.onnx"), "node 'LayerNormalization_0' (LayerNormalization) normalises "
                    + "from axis 0; only the last axis (-1)");
        }

        @Test
        @DisplayName("LayerNormalization with epsilon 0, naming the node")
        void layerNormEpsilon() throws IOException {
            GraphFile g = mlp(17);
            String x = g.node("LayerNormalization", in("x", g.random("gamma", 4)), real("epsilon", 0));
            g.node("MatMul", in(x, g.random("w", 4, 3)), List.of("y"));
            assertRefused(g.write(dir, "ln_epsilon.onnx"), "node 'LayerNormalization_0' (LayerNormalization) has "
                    + "epsilon 0.0; a layer_norm layer needs one greater than 0");
        }

        @Test
        @DisplayName("Gelu's tanh approximation, naming the node")
        void geluTanh() throws IOException {
            GraphFile g = mlp(20);
            String x = g.node("Gelu", in("x"), text("approximate", "tanh"));
            g.node("MatMul", in(x, g.random("w", 4, 3)), List.of("y"));
            assertRefused(g.write(dir, "gelu_tanh.onnx"), "node 'Gelu_0' (Gelu) approximates GELU ('tanh')");
        }

        @Test
        @DisplayName("an op it does not read, naming the node, its op type and the supported ones")
        void unsupportedOp() throws IOException {
            GraphFile g = mlp(13);
            g.node("Conv", in("x", g.random("k", 3, 4)), List.of("y"));
            assertRefused(g.write(dir, "conv.onnx"), "node 'Conv_0' (Conv) is not supported",
                    "feed-forward graphs of Add, BatchNormalization, Cast, Div, Dropout, Flatten, Gelu, Gemm, Identity, "
                            + "LayerNormalization, LeakyRelu, MatMul, Mul, Relu, Reshape, Sigmoid, Softmax, Sub, Tanh");
        }

        @Test
        @DisplayName("an op of another domain")
        void otherDomain() throws IOException {
            GraphFile g = mlp(13);
            g.node(NodeProto.newBuilder().setOpType("FusedGemm").setDomain("com.microsoft").setName("fused")
                    .addInput("x").addOutput("y").build());
            assertRefused(g.write(dir, "domain.onnx"), "node 'fused' (FusedGemm) of domain 'com.microsoft' is not supported");
        }

        @Test
        @DisplayName("a node joining two computed values")
        void branches() throws IOException {
            GraphFile g = mlp(13);
            String a = g.node("Relu", in("x"));
            String b = g.node("Sigmoid", in("x"));
            g.node("Add", in(a, b), List.of("y"));
            assertRefused(g.write(dir, "branches.onnx"), "(Add) combines computed values [Relu_0, Sigmoid_1]");
        }

        @Test
        @DisplayName("a softmax across the batch, Gemm with transA, MatMul(weights, x), training-mode dropout")
        void wrongUses() throws IOException {
            GraphFile g = mlp(13);
            g.node("Softmax", in("x"), List.of("y"), integer("axis", 0));
            assertRefused(g.write(dir, "axis.onnx"), "(Softmax) normalises along axis 0");

            g = mlp(13);
            g.node("Gemm", in("x", g.random("w", 4, 3)), List.of("y"), integer("transA", 1));
            assertRefused(g.write(dir, "transA.onnx"), "(Gemm) transposes its data input");

            g = mlp(13);
            g.node("MatMul", in(g.random("w", 3, 4), "x"), List.of("y"));
            assertRefused(g.write(dir, "matmul.onnx"), "(MatMul) multiplies a constant by the data");

            g = mlp(13);
            TensorProto yes = TensorProto.newBuilder().setName("t").setDataType(TensorProto.DataType.BOOL_VALUE)
                    .addInt32Data(1).build();
            g.node("Dropout", in("x", g.constant("r", new long[0], 0.5), g.initializer(yes)), List.of("y"));
            assertRefused(g.write(dir, "dropout.onnx"), "(Dropout) is in training mode");
        }

        @Test
        @DisplayName("two inputs, an unknown opset, a ZipMap-like output")
        void graphShape() throws IOException {
            GraphFile g = mlp(13).input("z", "N", 4);
            g.node("Relu", in("x"), List.of("y"));
            assertRefused(g.write(dir, "inputs.onnx"), "the graph has 2 inputs [x, z]");

            g = mlp(99);
            g.node("Relu", in("x"), List.of("y"));
            assertRefused(g.write(dir, "opset.onnx"), "operator set version 99");

            GraphFile zip = new GraphFile(13).input("x", "N", 4);
            zip.node("Relu", in("x"), List.of("y"));
            var model = zip.model().toBuilder();
            model.getGraphBuilder().addOutput(ValueInfoProto.newBuilder().setName("y").setType(TypeProto.newBuilder()
                    .setSequenceType(TypeProto.Sequence.newBuilder().setElemType(TypeProto.newBuilder()
                            .setMapType(TypeProto.Map.newBuilder().setKeyType(7))))));
            Path file = dir.resolve("zipmap.onnx");
            Files.write(file, model.build().toByteArray());
            assertRefused(file, "output 'y' is a sequence or map", "zipmap=False");
        }

        @Test
        @DisplayName("damaged files: empty, not protobuf, a constant whose data is shorter than its shape")
        void damaged() throws IOException {
            Path empty = Files.write(dir.resolve("empty.onnx"), new byte[0]);
            assertRefused(empty, "the file is empty");
            Path noise = Files.write(dir.resolve("noise.onnx"), "this is not a model, just text\n".getBytes());
            assertRefused(noise, "not an ONNX model");

            GraphFile g = mlp(13);
            g.initializer(GraphFile.floats("w", new long[] {4, 30000}, 1, 2, 3));
            g.node("MatMul", in("x", "w"), List.of("y"));
            assertRefused(g.write(dir, "short.onnx"), "constant 'w' of shape [4, 30000] needs 480000 bytes of data "
                    + "but holds 12");
        }

        @Test
        @DisplayName("external data outside the model's folder, or beyond the end of its file")
        void externalOutside() throws IOException {
            Path models = Files.createDirectory(dir.resolve("models"));
            Path outside = Files.write(dir.resolve("secret.bin"), externalBytes(0, 12));
            Files.write(models.resolve("short.bin"), new byte[10]);
            Files.createSymbolicLink(models.resolve("link.bin"), outside);
            String[][] cases = {
                    {"../secret.bin", "is not a path inside the model's folder"},
                    {outside.toString(), "is not a path inside the model's folder"},
                    {"link.bin", "leads out of the model's folder"},
                    {"missing.bin", "is not a file in"},
                    {"short.bin", "needs 48 bytes at offset 0 of 'short.bin', which holds 10"}};
            for (String[] c : cases) {
                GraphFile g = mlp(13);
                g.initializer(external("w", new long[] {4, 3}, c[0], 0, -1));
                g.node("MatMul", in("x", "w"), List.of("y"));
                assertRefused(g.write(models, "external.onnx"), "constant 'w'", c[1]);
            }
        }
    }

    /** {@code offset} zero bytes, then {@code count} float values. */
    private static byte[] externalBytes(int offset, int count) {
        ByteBuffer b = ByteBuffer.allocate(offset + 4 * count).order(ByteOrder.LITTLE_ENDIAN);
        b.position(offset);
        for (int i = 0; i < count; i++) {
            b.putFloat(0.1f * (i - 5));
        }
        return b.array();
    }

    private static TensorProto external(String name, long[] dims, String location, long offset, long length) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue(location))
                .addExternalData(StringStringEntryProto.newBuilder().setKey("offset").setValue(Long.toString(offset)));
        if (length >= 0) {
            t.addExternalData(StringStringEntryProto.newBuilder().setKey("length").setValue(Long.toString(length)));
        }
        for (long d : dims) {
            t.addDims(d);
        }
        t.setRawData(ByteString.EMPTY).clearRawData();
        return t.build();
    }
}
