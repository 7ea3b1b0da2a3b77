package org.nnfs.interop.onnx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import org.nnfs.model.Sequential;
import org.nnfs.tensor.Backend;

/**
 * Models as ONNX files: export for ONNX Runtime and every other ONNX consumer, and import of feed-forward
 * graphs as PyTorch, Keras (tf2onnx) and scikit-learn's converters write them.
 *
 * <pre>{@code
 * Onnx.save(model, Path.of("mnist.onnx"));                    // input "input", output "output", [batch, n]
 * Sequential imported = Onnx.load(Path.of("torch.onnx"), backend);
 * }</pre>
 *
 * <p>Export writes an inference graph of ONNX IR version {@value #IR_VERSION}, operator set {@value #OPSET}
 * (ONNX 1.12, read by ONNX Runtime 1.12 and later): dense layers as {@code Gemm}, activations as their ONNX
 * ops, softmax along the features, a {@link org.nnfs.layer.Rescale} as {@code Sub}, {@code Mul} and
 * {@code Add} by constants; dropout, the identity in inference, has no node. Weights keep the model's
 * element type (float or double); the batch axis is dynamic ({@code batch}).
 *
 * <p>Import reads {@code Gemm} (with {@code transA = 0}, any {@code transB}, {@code alpha}, {@code beta}),
 * {@code MatMul} and {@code Add}, {@code Sub}, {@code Mul}, {@code Div} by constants, {@code Relu},
 * {@code LeakyRelu}, {@code Sigmoid}, {@code Tanh}, {@code Softmax} (along the features),
 * {@code BatchNormalization} in inference (as a rescale), {@code Identity}, {@code Dropout}, {@code Cast}
 * to float or double, and a {@code Flatten} or {@code Reshape} of images into rows of features, in
 * operator sets 1 to {@value OnnxImporter#MAX_OPSET}. Anything else is refused with an
 * {@link org.nnfs.io.InvalidModelFileException} naming the node, its op type and what is supported. Like
 * this library's own model files, an ONNX file is checked before anything is allocated for its claims,
 * and its external data is read only from files inside the model's folder.
 */
public final class Onnx {
    /** The ONNX IR version written. */
    public static final int IR_VERSION = 8;
    /** The default operator set version written. */
    public static final int OPSET = 17;
    /** The name of an exported graph's input, {@code [batch, inputs]}. */
    public static final String INPUT = "input";
    /** The name of an exported graph's output, {@code [batch, outputs]}. */
    public static final String OUTPUT = "output";

    private Onnx() {
    }

    /**
     * Writes {@code model} as an ONNX inference graph to {@code path}, atomically.
     *
     * @throws IllegalArgumentException naming a layer whose type has no ONNX export, before writing anything
     */
    public static void save(Sequential model, Path path) throws IOException {
        OnnxExporter.write(Objects.requireNonNull(model, "model"), path);
    }

    /**
     * Reads the ONNX model at {@code path} onto {@code backend}; a graph with several outputs yields its
     * only float output (a classifier's probabilities beside its labels).
     *
     * @throws org.nnfs.io.InvalidModelFileException when the file is not an ONNX model, is damaged, or holds
     *                                               what this library cannot compute (the message says what)
     */
    public static Sequential load(Path path, Backend backend) throws IOException {
        return OnnxImporter.read(path, Objects.requireNonNull(backend, "backend"), null);
    }

    /** As {@link #load(Path, Backend)}, importing the computation of the graph output called {@code output}. */
    public static Sequential load(Path path, Backend backend, String output) throws IOException {
        return OnnxImporter.read(path, Objects.requireNonNull(backend, "backend"), Objects.requireNonNull(output));
    }

    /** The layer types the exporter writes, sorted. */
    public static List<String> exportableLayers() {
        return LayerExports.types();
    }

    /** The ONNX op types the importer reads, sorted. */
    public static List<String> importableOps() {
        return NodeImports.opTypes();
    }
}
