package org.nnfs.interop.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.protobuf.InvalidProtocolBufferException;

import org.nnfs.interop.onnx.NodeIn.NodeImport;
import org.nnfs.interop.onnx.proto.OnnxProto;
import org.nnfs.interop.onnx.proto.OnnxProto.GraphProto;
import org.nnfs.interop.onnx.proto.OnnxProto.ModelProto;
import org.nnfs.interop.onnx.proto.OnnxProto.NodeProto;
import org.nnfs.interop.onnx.proto.OnnxProto.OperatorSetIdProto;
import org.nnfs.interop.onnx.proto.OnnxProto.TensorShapeProto;
import org.nnfs.interop.onnx.proto.OnnxProto.TypeProto;
import org.nnfs.interop.onnx.proto.OnnxProto.ValueInfoProto;
import org.nnfs.io.InvalidModelFileException;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;

/**
 * Reads an ONNX feed-forward graph into a model. The chain of nodes from the graph's output back to its
 * one input is found first (side branches, such as a classifier's label output, are left out); each node
 * on it must carry the data in one input and take constants in the others, and must be of an op type
 * {@link NodeImports} reads. Then the nodes are read in order into layers ({@link ModelAssembly}), and
 * the model is built and filled.
 */
final class OnnxImporter {
    /** The largest ONNX file read: protobuf messages are limited to 2 GiB (larger models keep their weights outside). */
    static final long MAX_FILE = Integer.MAX_VALUE;
    /** Constants are broadcast over at least this many features, whatever the file's size. */
    static final long MIN_EXPANDED = 1 << 16;
    /** The newest default-domain operator set whose semantics the importer knows. */
    static final int MAX_OPSET = 23;

    private final Path file;

    private OnnxImporter(Path file) {
        this.file = file;
    }

    static Sequential read(Path file, Backend backend, String output) throws IOException {
        return new OnnxImporter(file).read(backend, output);
    }

    private Sequential read(Backend backend, String requestedOutput) throws IOException {
        ModelProto model = parse();
        long fileSize = Files.size(file);
        int opset = opset(model);
        GraphProto graph = model.getGraph();
        Constants constants = new Constants(file, graph);
        ValueInfoProto input = input(graph, constants);
        DType dtype = elementType(input, "input");
        ModelAssembly assembly = new ModelAssembly(exampleDims(input), Math.max(MIN_EXPANDED, fileSize));
        String output = output(graph, requestedOutput);
        for (Step step : chain(graph, constants, input.getName(), output)) {
            NodeProto node = step.node();
            NodeImport entry = Constants.isDefaultDomain(node.getDomain()) ? NodeImports.get(node.getOpType()) : null;
            if (entry == null) {
                throw invalid(NodeIn.describe(node) + (Constants.isDefaultDomain(node.getDomain()) ? ""
                        : " of domain '" + node.getDomain() + "'") + " is not supported; this importer reads "
                        + "feed-forward graphs of " + String.join(", ", NodeImports.opTypes()));
            }
            entry.apply(new NodeIn(file, node, step.dataInput(), constants, opset), assembly);
        }
        if (assembly.isEmpty()) {
            throw invalid("the graph from '" + input.getName() + "' to '" + output + "' computes nothing a layer holds");
        }
        if (assembly.features() < 0) {
            throw invalid("the width of input '" + input.getName() + "' is unknown and no node tells it");
        }
        try {
            return assembly.build(backend, dtype);
        } catch (IllegalArgumentException e) {
            throw new InvalidModelFileException(file, "the graph describes an invalid model: " + e.getMessage(), e);
        }
    }

    private ModelProto parse() throws IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "model file not found");
        }
        if (size == 0 || size > MAX_FILE) {
            throw invalid(size == 0 ? "the file is empty" : "the file has " + size + " bytes, more than the 2 GiB an "
                    + "ONNX file can hold (larger models keep their weights in external data files)");
        }
        ModelProto model;
        try {
            model = ModelProto.parseFrom(Files.readAllBytes(file));
        } catch (InvalidProtocolBufferException e) {
            throw invalid("not an ONNX model (" + e.getMessage() + ")");
        }
        if (!model.hasGraph() || model.getIrVersion() < 3) {
            throw invalid("not an ONNX model: " + (model.hasGraph() ? "IR version " + model.getIrVersion()
                    + " (this importer reads 3 to " + OnnxProto.Version.IR_VERSION_VALUE + ")" : "it holds no graph"));
        }
        if (model.getIrVersion() > OnnxProto.Version.IR_VERSION_VALUE) {
            throw invalid("IR version " + model.getIrVersion() + " is newer than this importer reads (up to "
                    + OnnxProto.Version.IR_VERSION_VALUE + ")");
        }
        return model;
    }

    /** The version of the default operator set the graph uses. */
    private int opset(ModelProto model) throws InvalidModelFileException {
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (Constants.isDefaultDomain(o.getDomain())) {
                if (o.getVersion() < 1 || o.getVersion() > MAX_OPSET) {
                    throw invalid("operator set version " + o.getVersion() + " is not one this importer knows (1 to "
                            + MAX_OPSET + ")");
                }
                return (int) o.getVersion();
            }
        }
        throw invalid("the model imports no version of ONNX's default operator set");
    }

    /** The one graph input that is not a constant (files of IR version 3 list their initializers as inputs). */
    private ValueInfoProto input(GraphProto graph, Constants constants) throws InvalidModelFileException {
        List<ValueInfoProto> inputs = new ArrayList<>();
        for (ValueInfoProto v : graph.getInputList()) {
            if (!constants.contains(v.getName())) {
                inputs.add(v);
            }
        }
        if (inputs.size() != 1) {
            List<String> names = inputs.stream().map(ValueInfoProto::getName).toList();
            throw invalid("the graph has " + inputs.size() + " inputs " + names + "; a feed-forward model has one");
        }
        return inputs.get(0);
    }

    /** The element type of a value: float32 or float64. */
    private DType elementType(ValueInfoProto v, String what) throws InvalidModelFileException {
        TypeProto t = v.getType();
        if (!t.hasTensorType()) {
            throw invalid(what + " '" + v.getName() + "' is not a tensor");
        }
        DType dtype = OnnxTypes.dtype(t.getTensorType().getElemType());
        if (dtype == null) {
            throw invalid(what + " '" + v.getName() + "' is of " + OnnxTypes.name(t.getTensorType().getElemType())
                    + "; float and double models are read");
        }
        return dtype;
    }

    /** One example's dimensions after the batch; -1 for a width the graph leaves symbolic. */
    private long[] exampleDims(ValueInfoProto input) throws InvalidModelFileException {
        TypeProto.Tensor t = input.getType().getTensorType();
        if (!t.hasShape() || t.getShape().getDimCount() < 2) {
            throw invalid("input '" + input.getName() + "' has " + (t.hasShape() ? "shape " + shape(t.getShape())
                    : "no shape") + "; a model takes [batch, features] or a batch of images [batch, channels, "
                    + "height, width]");
        }
        int rank = t.getShape().getDimCount();
        long[] dims = new long[rank - 1];
        for (int i = 1; i < rank; i++) {
            TensorShapeProto.Dimension d = t.getShape().getDim(i);
            if (d.hasDimValue() && d.getDimValue() > 0 && d.getDimValue() <= TensorDecoder.MAX_ELEMENTS) {
                dims[i - 1] = d.getDimValue();
            } else if (rank == 2 && !d.hasDimValue()) {
                dims[i - 1] = -1; // a symbolic width: the first weights tell it
            } else {
                throw invalid("input '" + input.getName() + "' of shape " + shape(t.getShape())
                        + " has a dimension after the batch that is not a positive number");
            }
        }
        long features = 1;
        for (long d : dims) {
            features = d < 0 ? features : features * d;
            if (features > TensorDecoder.MAX_ELEMENTS) {
                throw invalid("input '" + input.getName() + "' of shape " + shape(t.getShape())
                        + " has more features than a model can take");
            }
        }
        return dims;
    }

    private static String shape(TensorShapeProto shape) {
        List<String> dims = new ArrayList<>();
        for (TensorShapeProto.Dimension d : shape.getDimList()) {
            dims.add(d.hasDimValue() ? Long.toString(d.getDimValue()) : d.hasDimParam() ? d.getDimParam() : "?");
        }
        return dims.toString();
    }

    /**
     * The output to import: the one requested, else the graph's only output, else its only float tensor
     * output (a classifier's probabilities next to its labels).
     */
    private String output(GraphProto graph, String requested) throws InvalidModelFileException {
        List<String> names = graph.getOutputList().stream().map(ValueInfoProto::getName).toList();
        if (requested != null) {
            if (!names.contains(requested)) {
                throw invalid("the graph has no output '" + requested + "'; its outputs are " + names);
            }
            return requested;
        }
        if (names.isEmpty()) {
            throw invalid("the graph has no output");
        }
        List<ValueInfoProto> tensors = new ArrayList<>();
        for (ValueInfoProto v : graph.getOutputList()) {
            if (v.getType().hasTensorType() && OnnxTypes.dtype(v.getType().getTensorType().getElemType()) != null) {
                tensors.add(v);
            }
        }
        if (names.size() == 1 || tensors.size() == 1) {
            ValueInfoProto v = names.size() == 1 ? graph.getOutput(0) : tensors.get(0);
            if (v.getType().hasSequenceType() || v.getType().hasMapType()) {
                throw invalid("output '" + v.getName() + "' is a sequence or map (as scikit-learn's ZipMap makes), "
                        + "not a tensor; convert the model with the option zipmap=False");
            }
            return v.getName();
        }
        throw invalid("the graph has outputs " + names + "; name the one to import");
    }

    /** A node of the chain and which of its inputs carries the data. */
    private record Step(NodeProto node, int dataInput) {
    }

    /**
     * The nodes from {@code input} to {@code output}, in order: walking back from the output, each node's
     * one non-constant input leads to the previous node; an exact GELU spelt in five nodes
     * ({@link GeluPattern}) is one step.
     */
    private List<Step> chain(GraphProto graph, Constants constants, String input, String output)
            throws IOException {
        Map<String, NodeProto> producers = new HashMap<>();
        for (NodeProto n : graph.getNodeList()) {
            for (String o : n.getOutputList()) {
                if (!o.isEmpty() && producers.put(o, n) != null) {
                    throw invalid("two nodes compute the value '" + o + "'");
                }
            }
        }
        GeluPattern geluPattern = new GeluPattern(producers, constants);
        List<Step> steps = new ArrayList<>();
        Set<NodeProto> seen = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        String value = output;
        while (!value.equals(input)) {
            NodeProto node = producers.get(value);
            if (node == null) {
                throw invalid(constants.contains(value) ? "the output '" + output + "' is a constant, not computed from "
                        + "the input" : "the value '" + value + "' is computed by no node and is not the graph's input");
            }
            if (!seen.add(node)) {
                throw invalid("the graph has a cycle through " + NodeIn.describe(node));
            }
            if (!node.getOutput(0).equals(value)) {
                throw invalid(NodeIn.describe(node) + ": its output '" + value + "' is used, but only the first output "
                        + "of a node carries the data");
            }
            int data = -1;
            List<String> computed = new ArrayList<>();
            for (int i = 0; i < node.getInputCount(); i++) {
                String in = node.getInput(i);
                if (!in.isEmpty() && !constants.contains(in)) {
                    computed.add(in);
                    data = i;
                }
            }
            NodeProto gelu = computed.size() <= 2 ? geluPattern.match(node) : null;
            if (gelu != null) { // x · Φ(x): several nodes from x, one layer
                steps.add(new Step(gelu, 0));
                value = gelu.getInput(0);
                continue;
            }
            if (computed.size() != 1) {
                throw invalid(NodeIn.describe(node) + (computed.isEmpty() ? " computes from constants only"
                        : " combines computed values " + computed + "; a feed-forward chain has one per node"));
            }
            steps.add(new Step(node, data));
            value = node.getInput(data);
        }
        Collections.reverse(steps);
        return steps;
    }

    private InvalidModelFileException invalid(String problem) {
        return new InvalidModelFileException(file, problem);
    }
}
