package org.nnfs.interop.onnx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.nnfs.interop.internal.HostTensor;
import org.nnfs.interop.onnx.proto.OnnxProto.GraphProto;
import org.nnfs.interop.onnx.proto.OnnxProto.ModelProto;
import org.nnfs.interop.onnx.proto.OnnxProto.OperatorSetIdProto;
import org.nnfs.interop.onnx.proto.OnnxProto.TensorShapeProto;
import org.nnfs.interop.onnx.proto.OnnxProto.TypeProto;
import org.nnfs.interop.onnx.proto.OnnxProto.ValueInfoProto;
import org.nnfs.io.AtomicFile;
import org.nnfs.layer.Layer;
import org.nnfs.model.Sequential;

/** Writes a model as an ONNX inference graph, layer by layer through {@link LayerExports}. */
final class OnnxExporter {
    private OnnxExporter() {
    }

    static void write(Sequential model, Path path) throws IOException {
        ModelProto onnx = toOnnx(model);
        AtomicFile.write(path, onnx::writeTo);
    }

    static ModelProto toOnnx(Sequential model) {
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            if (LayerExports.get(layers.get(i).type()) == null) {
                throw new IllegalArgumentException("layer " + i + " (" + layers.get(i) + ") of type '"
                        + layers.get(i).type() + "' has no ONNX export; the exporter knows " + LayerExports.types());
            }
        }
        GraphWriter graph = new GraphWriter(model.dtype());
        List<Map<String, HostTensor>> tensors = HostTensor.byLayer(model);
        String value = Onnx.INPUT;
        int width = model.inputSize();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            LayerExport.In in = new LayerExport.In(layer, layer.type() + "_" + i, value, width, tensors.get(i));
            value = LayerExports.get(layer.type()).export(in, graph);
            width = layer.outputSize(width);
        }
        GraphProto.Builder g = graph.finish(value, Onnx.OUTPUT).setName("nnfs")
                .addInput(batchOf(Onnx.INPUT, graph.elementType(), model.inputSize()))
                .addOutput(batchOf(Onnx.OUTPUT, graph.elementType(), model.outputSize()));
        return ModelProto.newBuilder()
                .setIrVersion(Onnx.IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(Onnx.OPSET))
                .setProducerName("nnfs")
                .setProducerVersion(version())
                .setDocString(model.toString())
                .setGraph(g)
                .build();
    }

    /** A value {@code [batch, width]}, the batch axis dynamic. */
    private static ValueInfoProto batchOf(String name, int elementType, int width) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width))
                .build();
        return ValueInfoProto.newBuilder().setName(name)
                .setType(TypeProto.newBuilder().setTensorType(
                        TypeProto.Tensor.newBuilder().setElemType(elementType).setShape(shape)))
                .build();
    }

    private static String version() {
        String v = OnnxExporter.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
