package org.nnfs.interop.onnx;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.nnfs.interop.onnx.NodeIn.NodeImport;
import org.nnfs.interop.onnx.proto.OnnxProto.AttributeProto;
import org.nnfs.interop.onnx.proto.OnnxProto.TensorProto;
import org.nnfs.layer.Activation;
import org.nnfs.registry.Registry;

/**
 * The import table: for each ONNX op type, how a node of it becomes (part of) a layer. Only these op
 * types are read; any other is refused with the node's name, its op type and this list. Adding an op is
 * one entry here.
 */
final class NodeImports {
    /** The activation an ONNX {@code LeakyRelu} becomes, and its setting for the slope (ONNX's {@code alpha}). */
    static final String LEAKY_RELU = "leaky_relu";
    static final String LEAKY_RELU_SLOPE = "slope";

    private static final Map<String, NodeImport> TABLE = new TreeMap<>();

    static {
        TABLE.put("Gemm", NodeImports::gemm);
        TABLE.put("MatMul", NodeImports::matMul);
        TABLE.put("Add", (n, m) -> {
            double[] b = perFeature(n, m, n.required(1 - n.dataInput(), "addend"));
            if (!m.addBias(b)) {
                m.add(b);
            }
        });
        TABLE.put("Sub", (n, m) -> {
            double[] c = perFeature(n, m, n.required(1 - n.dataInput(), "subtrahend"));
            if (n.dataInput() == 0) {
                m.subtract(c);
            } else { // c - x = (x · -1) + c
                double[] minusOne = new double[c.length];
                Arrays.fill(minusOne, -1);
                m.multiply(minusOne);
                m.add(c);
            }
        });
        TABLE.put("Mul", (n, m) -> m.multiply(perFeature(n, m, n.required(1 - n.dataInput(), "factor"))));
        TABLE.put("Div", (n, m) -> {
            if (n.dataInput() != 0) {
                throw n.fail("divides a constant by the data, which is not a layer");
            }
            double[] d = perFeature(n, m, n.required(1, "divisor"));
            for (int i = 0; i < d.length; i++) {
                d[i] = 1 / d[i];
            }
            m.multiply(d);
        });
        TABLE.put("Relu", (n, m) -> m.layer(Activation.relu()));
        TABLE.put("Sigmoid", (n, m) -> m.layer(Activation.sigmoid()));
        TABLE.put("Tanh", (n, m) -> m.layer(Activation.tanh()));
        TABLE.put("LeakyRelu", NodeImports::leakyRelu);
        TABLE.put("Softmax", NodeImports::softmax);
        TABLE.put("BatchNormalization", NodeImports::batchNormalization);
        TABLE.put("LayerNormalization", NodeImports::layerNormalization);
        TABLE.put("Gelu", NodeImports::gelu);
        TABLE.put("Flatten", NodeImports::flatten);
        TABLE.put("Reshape", NodeImports::reshape);
        TABLE.put("Identity", (n, m) -> { });
        TABLE.put("Dropout", (n, m) -> {
            Constant training = n.constant(2);
            if (training != null && training.values().length == 1 && training.values()[0] != 0) {
                throw n.fail("is in training mode (training_mode = true); an inference graph has it false");
            }
        });
        TABLE.put("Cast", (n, m) -> {
            long to = n.integer("to", -1);
            if (to != TensorProto.DataType.FLOAT_VALUE && to != TensorProto.DataType.DOUBLE_VALUE) {
                throw n.fail("casts to " + OnnxTypes.name((int) to) + "; only casts to float or double are read");
            }
        });
    }

    private NodeImports() {
    }

    /** The entry for {@code opType}, or null. */
    static NodeImport get(String opType) {
        return TABLE.get(opType);
    }

    /** The op types read, sorted. */
    static List<String> opTypes() {
        return new ArrayList<>(TABLE.keySet());
    }

    // Y = alpha · op(A) · op(B) + beta · C with the data as A: a dense layer of weights alpha · op(B).
    private static void gemm(NodeIn n, ModelAssembly m) throws IOException {
        if (n.dataInput() != 0) {
            throw n.fail("takes the data as its input B; only Gemm(data, weights) is a layer");
        }
        if (n.integer("transA", 0) != 0) {
            throw n.fail("transposes its data input (transA = 1); only Gemm(data, weights) is a layer");
        }
        requireFeatures(n, m);
        Constant b = n.required(1, "weights");
        boolean transB = n.integer("transB", 0) != 0;
        double alpha = n.real("alpha", 1);
        double beta = n.real("beta", 1);
        double[] weight = weights(n, m, b, transB, alpha);
        int out = Math.toIntExact(transB ? b.dims()[0] : b.dims()[1]);
        double[] bias = new double[out];
        Constant c = n.constant(2);
        if (c != null) {
            double[] values = c.perFeature(new long[] {out});
            if (values == null) {
                throw n.fail("bias '" + c.name() + "' of shape " + c.shape() + " does not broadcast to [" + out + "]");
            }
            for (int i = 0; i < out; i++) {
                bias[i] = beta * values[i];
            }
        }
        m.dense(weight.length / out, out, weight, bias, false);
    }

    // Y = X · B: a dense layer whose bias the next Add may give.
    private static void matMul(NodeIn n, ModelAssembly m) throws IOException {
        if (n.dataInput() != 0) {
            throw n.fail("multiplies a constant by the data; only MatMul(data, weights) is a layer");
        }
        requireFeatures(n, m);
        Constant b = n.required(1, "weights");
        double[] weight = weights(n, m, b, false, 1);
        int out = Math.toIntExact(b.dims()[1]);
        m.dense(weight.length / out, out, weight, new double[out], true);
    }

    /** Weights {@code [in, out]}, row-major, from a constant {@code B} (or its transpose) scaled by alpha. */
    private static double[] weights(NodeIn n, ModelAssembly m, Constant b, boolean transposed, double alpha)
            throws IOException {
        if (b.rank() != 2) {
            throw n.fail("weights '" + b.name() + "' of shape " + b.shape() + " are not a matrix");
        }
        int rows = Math.toIntExact(b.dims()[0]);
        int cols = Math.toIntExact(b.dims()[1]);
        int in = transposed ? cols : rows;
        int out = transposed ? rows : cols;
        if (in < 1 || out < 1) {
            throw n.fail("weights '" + b.name() + "' of shape " + b.shape() + " are empty");
        }
        if (!m.settle(in)) {
            throw n.fail("takes " + in + " features but receives " + m.features());
        }
        double[] w = new double[in * out];
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < out; o++) {
                w[i * out + o] = alpha * (transposed ? b.values()[o * cols + i] : b.values()[i * cols + o]);
            }
        }
        return w;
    }

    private static void requireFeatures(NodeIn n, ModelAssembly m) throws IOException {
        if (m.isImage()) {
            throw n.fail("needs examples as rows of features, but receives " + Arrays.toString(m.exampleDims())
                    + " per example; a Flatten or Reshape must come first");
        }
    }

    /** A constant as one value per feature of the data at this node (NumPy broadcasting). */
    private static double[] perFeature(NodeIn n, ModelAssembly m, Constant c) throws IOException {
        long[] dims = m.exampleDims();
        if (dims.length == 1 && dims[0] < 0 && c.rank() > 0 && c.dims()[c.rank() - 1] > 1) {
            m.settle(c.dims()[c.rank() - 1]); // the input's width was unknown: the constant tells it
            dims = m.exampleDims();
        }
        if (m.features() < 0) {
            throw n.fail("needs the input's width, which the graph leaves unknown");
        }
        if (m.features() > m.maxExpanded()) {
            throw n.fail("would broadcast constant '" + c.name() + "' over " + m.features() + " features, more than "
                    + "a file of this size can describe (" + m.maxExpanded() + ")");
        }
        double[] values = c.perFeature(dims);
        if (values == null) {
            throw n.fail("constant '" + c.name() + "' of shape " + c.shape() + " does not broadcast over examples "
                    + "of shape " + Arrays.toString(dims) + " (the batch first)");
        }
        return values;
    }

    private static void leakyRelu(NodeIn n, ModelAssembly m) throws IOException {
        double alpha = n.real("alpha", 0.01);
        if (Registry.layers().find(LEAKY_RELU).isEmpty()) {
            throw n.fail("needs the activation '" + LEAKY_RELU + "', which no registered component provides");
        }
        m.layer(Registry.layers().create(LEAKY_RELU, Map.of(LEAKY_RELU_SLOPE, Float.toString((float) alpha))));
    }

    private static void softmax(NodeIn n, ModelAssembly m) throws IOException {
        requireFeatures(n, m);
        long axis = n.integer("axis", n.opset() >= 13 ? -1 : 1);
        if (axis != 1 && axis != -1) {
            throw n.fail("normalises along axis " + axis + "; only the feature axis (1 or -1) makes a softmax layer");
        }
        m.softmax();
    }

    // In inference: y = (x - mean) · scale / sqrt(var + epsilon) + bias, per channel.
    private static void batchNormalization(NodeIn n, ModelAssembly m) throws IOException {
        if (n.dataInput() != 0) {
            throw n.fail("takes the data as a parameter input");
        }
        if (n.integer("training_mode", 0) != 0) {
            throw n.fail("is in training mode (training_mode = 1); an inference graph has it 0");
        }
        double epsilon = n.real("epsilon", 1e-5);
        double[] gamma = perChannel(n, m, n.required(1, "scale"));
        double[] beta = perChannel(n, m, n.required(2, "bias"));
        double[] mean = perChannel(n, m, n.required(3, "mean"));
        double[] variance = perChannel(n, m, n.required(4, "variance"));
        double[] scale = new double[gamma.length];
        for (int i = 0; i < scale.length; i++) {
            scale[i] = gamma[i] / Math.sqrt(variance[i] + epsilon);
        }
        m.rescale(mean, scale, beta);
    }

    // y = (x - mean) / sqrt(var + epsilon) · scale + bias over the last axis, a row of features.
    private static void layerNormalization(NodeIn n, ModelAssembly m) throws IOException {
        if (n.dataInput() != 0) {
            throw n.fail("takes the data as a parameter input");
        }
        requireFeatures(n, m);
        long axis = n.integer("axis", -1);
        if (axis != -1 && axis != 1) {
            throw n.fail("normalises from axis " + axis + "; only the last axis (-1), each example's features, "
                    + "makes a layer_norm layer");
        }
        double[] gamma = perFeature(n, m, n.required(1, "scale"));
        Constant bias = n.constant(2);
        double[] beta = bias == null ? new double[gamma.length] : perFeature(n, m, bias);
        double epsilon = floatSetting(n.real("epsilon", 1e-5));
        if (!(epsilon > 0)) {
            throw n.fail("has epsilon " + epsilon + "; a layer_norm layer needs one greater than 0");
        }
        m.layerNorm(epsilon, gamma, beta);
    }

    // ONNX's Gelu (opset 20), or the exact form in five nodes that the chain reads as one (GeluPattern).
    private static void gelu(NodeIn n, ModelAssembly m) throws IOException {
        AttributeProto approximate = n.attribute("approximate");
        String form = approximate == null ? "none" : approximate.getS().toStringUtf8();
        if (!form.equals("none")) {
            throw n.fail("approximates GELU ('" + form + "'); only the exact form (approximate = 'none') is a "
                    + "gelu layer");
        }
        m.layer(Activation.gelu());
    }

    /** A float32 attribute as the decimal it was written from (1e-5, not 9.99999974737875E-6). */
    private static double floatSetting(double value) {
        return Double.parseDouble(Float.toString((float) value));
    }

    /** A [channels] parameter of batch normalization, one value per feature (channel first). */
    private static double[] perChannel(NodeIn n, ModelAssembly m, Constant c) throws IOException {
        if (c.rank() != 1) {
            throw n.fail("parameter '" + c.name() + "' of shape " + c.shape() + " is not one value per channel");
        }
        long[] dims = new long[Math.max(1, m.exampleDims().length)];
        Arrays.fill(dims, 1);
        dims[0] = c.dims()[0];
        return perFeature(n, m, new Constant(c.name(), dims, c.values()));
    }

    private static void flatten(NodeIn n, ModelAssembly m) throws IOException {
        int rank = m.exampleDims().length + 1;
        long axis = n.integer("axis", 1);
        if (axis != 1 && axis != 1 - rank) {
            throw n.fail("flattens from axis " + axis + "; only axis 1 (keeping the batch) makes rows of features");
        }
        m.flatten();
    }

    // Reshape to [batch, features]: [-1, F], [0, -1] or [0, F] (0 copies the batch unless allowzero).
    private static void reshape(NodeIn n, ModelAssembly m) throws IOException {
        Constant shape = n.required(1, "target shape");
        boolean allowZero = n.integer("allowzero", 0) != 0;
        double[] s = shape.values();
        boolean batchKept = s.length == 2 && (s[0] == -1 || (s[0] == 0 && !allowZero));
        long features = m.features();
        if (batchKept && features < 0 && s[1] > 0 && m.settle((long) s[1])) {
            features = m.features();
        }
        boolean rowsOfFeatures = batchKept && (s[1] == features || (s[1] == -1 && s[0] == 0));
        if (!rowsOfFeatures) {
            throw n.fail("reshapes " + Arrays.toString(m.exampleDims()) + " per example to " + Arrays.toString(s)
                    + "; only [-1, " + features + "] or [0, -1], one row of features per example, is read");
        }
        m.flatten();
    }
}
