package org.nnfs.interop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnfs.interop.testing.Close.assertClose;
import static org.nnfs.interop.testing.Close.widen;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nnfs.interop.onnx.proto.OnnxProto.ModelProto;
import org.nnfs.interop.onnx.proto.OnnxProto.NodeProto;
import org.nnfs.interop.testing.MnistSubset;
import org.nnfs.interop.testing.ModelKinds;
import org.nnfs.interop.testing.OnnxRuntime;
import org.nnfs.layer.BatchNorm;
import org.nnfs.layer.Layer;
import org.nnfs.layer.Rescale;
import org.nnfs.model.ModelTensor;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Backends;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;

/**
 * Every kind of layer, exported: ONNX Runtime runs the file and reproduces the model's outputs on the
 * MNIST test images to 1e-5, and importing the file back gives the same outputs; on every backend, in
 * float32 and float64.
 */
class OnnxExportTest {
    private static final int N = MnistSubset.COUNT;
    private static final int PIXELS = MnistSubset.PIXELS;

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("org.nnfs.interop.testing.ModelKinds#onEveryBackend")
    @DisplayName("ONNX Runtime and the re-imported model reproduce the model's outputs")
    void roundTrip(String backendName, DType dtype, ModelKinds.Kind kind, @TempDir Path dir) throws Exception {
        Backend backend = Backends.get(backendName);
        Sequential model = kind.build(backend, dtype);
        Path file = dir.resolve("model.onnx");
        Onnx.save(model, file);

        float[] images = MnistSubset.images();
        Tensor x = backend.fromArray(images, N, PIXELS, dtype);
        double[] ours = model.predict(x).toDoubleArray();
        long[] shape = {N, PIXELS};
        double[] runtime = dtype == DType.FLOAT32
                ? widen(OnnxRuntime.run(file, Onnx.INPUT, images, shape, Onnx.OUTPUT))
                : OnnxRuntime.run(file, Onnx.INPUT, MnistSubset.imagesAsDoubles(N), shape, Onnx.OUTPUT);
        assertClose(ours, runtime, 1e-5, "ONNX Runtime vs " + backendName);

        Sequential imported = Onnx.load(file, backend);
        assertEquals(dtype, imported.dtype());
        assertEquals(importedTypes(model.layers()), imported.layers().stream().map(Layer::type).toList());
        assertClose(ours, imported.predict(x).toDoubleArray(), 1e-5, "re-imported model on " + backendName);
    }

    @Test
    @DisplayName("the batch axis is dynamic: one image gives the first row of two hundred")
    void dynamicBatch(@TempDir Path dir) throws Exception {
        Sequential model = Sequential.builder(PIXELS).dense(16).relu().dense(10).softmax().build(Backends.get("reference"));
        Path file = dir.resolve("model.onnx");
        Onnx.save(model, file);
        float[] all = OnnxRuntime.run(file, Onnx.INPUT, MnistSubset.images(), new long[] {N, PIXELS}, Onnx.OUTPUT);
        float[] one = OnnxRuntime.run(file, Onnx.INPUT, java.util.Arrays.copyOf(MnistSubset.images(), PIXELS),
                new long[] {1, PIXELS}, Onnx.OUTPUT);
        assertClose(java.util.Arrays.copyOf(all, 10), one, 0, "first row");
    }

    @Test
    @DisplayName("the graph: opset 17, named input and output, Gemm with the weights as kept, no Dropout node")
    void graph(@TempDir Path dir) throws Exception {
        Sequential model = Sequential.builder(PIXELS).dense(8).relu().dropout(0.2).dense(10).softmax()
                .build(Backends.get("reference"));
        Path file = dir.resolve("model.onnx");
        Onnx.save(model, file);
        ModelProto onnx = ModelProto.parseFrom(Files.readAllBytes(file));
        assertEquals(Onnx.OPSET, onnx.getOpsetImport(0).getVersion());
        assertEquals(Onnx.IR_VERSION, onnx.getIrVersion());
        assertEquals(List.of("Gemm", "Relu", "Gemm", "Softmax"),
                onnx.getGraph().getNodeList().stream().map(NodeProto::getOpType).toList());
        assertEquals("batch", onnx.getGraph().getInput(0).getType().getTensorType().getShape().getDim(0).getDimParam());
        assertEquals(Onnx.OUTPUT, onnx.getGraph().getNode(3).getOutput(0));
        List<String> initializers = onnx.getGraph().getInitializerList().stream().map(t -> t.getName()).toList();
        assertEquals(model.tensors().stream().map(ModelTensor::name).toList(), initializers);
        assertEquals(List.of(784L, 8L), onnx.getGraph().getInitializer(0).getDimsList());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DType.class)
    @DisplayName("the graph of the normalizations and GELU: BatchNormalization, LayerNormalization, Erf form (in float64 "
            + "with Erf in float32 for ONNX Runtime)")
    void normalizationsAndGelu(DType dtype, @TempDir Path dir) throws Exception {
        Sequential model = Sequential.builder(4).batchNorm().layerNorm().gelu().dtype(dtype)
                .build(Backends.get("reference"));
        Path file = dir.resolve("model.onnx");
        Onnx.save(model, file);
        ModelProto onnx = ModelProto.parseFrom(Files.readAllBytes(file));
        List<String> erf = dtype == DType.FLOAT32 ? List.of("Erf") : List.of("Cast", "Erf", "Cast");
        List<String> ops = new java.util.ArrayList<>(List.of("BatchNormalization", "LayerNormalization", "Div"));
        ops.addAll(erf);
        ops.addAll(List.of("Add", "Mul", "Mul"));
        assertEquals(ops, onnx.getGraph().getNodeList().stream().map(NodeProto::getOpType).toList());
        NodeProto batchNorm = onnx.getGraph().getNode(0);
        assertEquals(List.of(Onnx.INPUT, "batch_norm_0.gamma", "batch_norm_0.beta", "batch_norm_0.running_mean",
                "batch_norm_0.running_var"), batchNorm.getInputList());
        assertEquals(1e-5f, batchNorm.getAttributeList().stream().filter(a -> a.getName().equals("epsilon"))
                .findFirst().orElseThrow().getF());
        assertEquals(0.9f, batchNorm.getAttributeList().stream().filter(a -> a.getName().equals("momentum"))
                .findFirst().orElseThrow().getF(), "ONNX's momentum: the running statistics' share");
        assertEquals(List.of("batch_norm", "layer_norm", "gelu"),
                importedTypes(Onnx.load(file, Backends.get("reference")).layers()).stream()
                        .map(t -> t.equals(Rescale.TYPE) ? BatchNorm.TYPE : t).toList());
    }

    @Test
    @DisplayName("a model of dropout alone exports as an Identity; importing it back finds no layer to make")
    void identity(@TempDir Path dir) throws Exception {
        Sequential model = Sequential.builder(PIXELS).dropout(0.5).build(Backends.get("reference"));
        Path file = dir.resolve("identity.onnx");
        Onnx.save(model, file);
        float[] x = MnistSubset.images();
        assertClose(x, OnnxRuntime.run(file, Onnx.INPUT, x, new long[] {N, PIXELS}, Onnx.OUTPUT), 0, "identity");
        assertTrue(assertThrows(org.nnfs.io.InvalidModelFileException.class,
                () -> Onnx.load(file, Backends.get("reference"))).getMessage().contains("computes nothing a layer holds"));
    }

    @Test
    @DisplayName("a layer type without an export is refused by name, and nothing is written")
    void unknownLayer(@TempDir Path dir) {
        Sequential model = Sequential.builder(3).add("test_recenter").dense(2).build(Backends.get("reference"));
        Path file = dir.resolve("model.onnx");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Onnx.save(model, file));
        assertTrue(e.getMessage().startsWith("layer 0 (") && e.getMessage().contains("'test_recenter' has no ONNX export"),
                e.getMessage());
        assertTrue(Files.notExists(file));
    }

    /** The layer types the exported file imports as: no dropout, and batch norm in inference as a rescale. */
    private static List<String> importedTypes(List<Layer> layers) {
        return layers.stream().map(Layer::type).filter(t -> !t.equals("dropout"))
                .map(t -> t.equals(BatchNorm.TYPE) ? Rescale.TYPE : t).toList();
    }
}
