package org.nnfs.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

import org.nnfs.init.Initializer;
import org.nnfs.layer.Activation;
import org.nnfs.layer.Dense;
import org.nnfs.layer.Dropout;
import org.nnfs.layer.Layer;
import org.nnfs.layer.Parameter;
import org.nnfs.layer.Softmax;
import org.nnfs.loss.Loss;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.RowBuffers;
import org.nnfs.tensor.Tensor;
import org.nnfs.tensor.TensorMismatchException;

/**
 * A stack of layers applied in order, like Keras' {@code Sequential}.
 *
 * <pre>{@code
 * Sequential model = Sequential.builder(784)
 *         .dense(100).relu()
 *         .dense(200).relu()
 *         .dense(10).softmax()
 *         .init(Initializer.normal(0.1)).seed(42)
 *         .build(Backends.get());
 * int[] digits = model.classify(images, n);
 * }</pre>
 *
 * <p>Inference methods ({@link #predict}, {@link #classify}) are synchronized, so one model may serve
 * several threads; they take turns because the layers reuse their buffers. Training goes through
 * {@link org.nnfs.train.Trainer}.
 */
public final class Sequential {
    /** Rows per forward pass during inference; bounds the buffers a large prediction needs. */
    static final int INFERENCE_CHUNK = 1024;

    private final Backend backend;
    private final DType dtype;
    private final int inputSize;
    private final List<Layer> layers;
    private final int[] widths;
    private final Initializer init;
    private final long seed;
    private final List<Parameter> parameters;
    private final RowBuffers outputGrads;
    private final RowBuffers inferenceInputs;
    private Tensor lastOutput;

    private Sequential(Builder b, Backend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.dtype = b.dtype;
        this.inputSize = b.inputSize;
        this.layers = List.copyOf(b.layers);
        this.init = b.init;
        this.seed = b.seed;
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one layer");
        }
        SplittableRandom random = new SplittableRandom(seed);
        widths = new int[layers.size() + 1];
        widths[0] = inputSize;
        List<Parameter> params = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            layer.bind(backend, dtype, widths[i], init, random);
            widths[i + 1] = layer.outputSize(widths[i]);
            for (Parameter p : layer.parameters()) {
                params.add(new Parameter(layer.type() + "_" + i + "." + p.name(), p.value(), p.grad(), p.decay()));
            }
        }
        this.parameters = Collections.unmodifiableList(params);
        this.outputGrads = new RowBuffers(backend, dtype, outputSize());
        this.inferenceInputs = new RowBuffers(backend, dtype, inputSize);
    }

    /** Starts a model whose examples have {@code inputSize} features. */
    public static Builder builder(int inputSize) {
        return new Builder(inputSize);
    }

    /** The backend holding the weights. */
    public Backend backend() {
        return backend;
    }

    /** Element type of weights and activations. */
    public DType dtype() {
        return dtype;
    }

    /** Features per example. */
    public int inputSize() {
        return inputSize;
    }

    /** Outputs per example (classes, for a classifier). */
    public int outputSize() {
        return widths[widths.length - 1];
    }

    /** The layers, in order. */
    public List<Layer> layers() {
        return layers;
    }

    /** The default initializer the model was built with. */
    public Initializer initializer() {
        return init;
    }

    /** The seed the initial weights were drawn with. */
    public long seed() {
        return seed;
    }

    /** Every trainable parameter, named {@code <type>_<layer index>.<name>}, in layer order. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** Total number of trainable values. */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : parameters) {
            n += p.value().size();
        }
        return n;
    }

    /**
     * Runs all layers; the result is the last layer's buffer, valid until the next forward pass.
     *
     * @throws TensorMismatchException if {@code input} is not {@code [rows, inputSize()]}
     */
    public Tensor forward(Tensor input, boolean training) {
        if (input.cols() != inputSize) {
            throw new TensorMismatchException("model input must have " + inputSize + " columns, got "
                    + input.shape());
        }
        Tensor x = input;
        for (int i = 0; i < layers.size(); i++) { // indexed: an iterator here allocated per step
            x = layers.get(i).forward(x, training);
        }
        lastOutput = x;
        return x;
    }

    /**
     * After {@link #forward}, computes the loss against {@code target} and back-propagates it, writing
     * every parameter's gradient. When the model ends in {@link Softmax} and the loss
     * {@linkplain Loss#fusesWithSoftmax() fuses} with it, back-propagation starts at the logits with
     * {@code (p - y) / n}. Returns the mean loss of the batch.
     */
    public double backward(Loss loss, Tensor target) {
        if (lastOutput == null) {
            throw new IllegalStateException("backward needs a forward pass first");
        }
        Tensor grad = outputGrads.get(lastOutput.rows());
        int last = layers.size() - 1;
        double value;
        if (layers.get(last) instanceof Softmax && loss.fusesWithSoftmax()) {
            value = loss.softmaxGradient(lastOutput, target, grad);
            last--;
        } else {
            value = loss.compute(lastOutput, target, grad);
        }
        for (int i = last; i >= 0; i--) {
            grad = layers.get(i).backward(grad, i > 0);
        }
        return value;
    }

    /** Re-seeds the layers' own randomness (dropout); the trainer calls it once per epoch. */
    public void reseed(long seed) {
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).reseed(seed * 31 + i);
        }
    }

    /** Outputs (probabilities, for a softmax classifier) for every row of {@code input}, as a new tensor. */
    public synchronized Tensor predict(Tensor input) {
        // Doubles on the host, so float64 models lose nothing on the way through.
        double[] out = new double[input.rows() * outputSize()];
        int[] order = identity(input);
        double[] chunk = new double[Math.min(INFERENCE_CHUNK, input.rows()) * outputSize()];
        for (int offset = 0; offset < input.rows(); offset += INFERENCE_CHUNK) {
            int rows = Math.min(INFERENCE_CHUNK, input.rows() - offset);
            Tensor y = forwardChunk(input, order, offset, rows);
            backend.copyTo(y, chunk);
            System.arraycopy(chunk, 0, out, offset * outputSize(), rows * outputSize());
        }
        return backend.fromArray(out, input.rows(), outputSize(), dtype);
    }

    /** Outputs for {@code rows} examples given row-major in {@code features}; returns row-major outputs. */
    public float[] predict(float[] features, int rows) {
        Tensor input = upload(features, rows);
        return predict(input).toFloatArray();
    }

    /** The index of the largest output (the class) for every row of {@code input}. */
    public synchronized int[] classify(Tensor input) {
        int[] classes = new int[input.rows()];
        int[] order = identity(input);
        int[] chunk = new int[Math.min(INFERENCE_CHUNK, input.rows())];
        for (int offset = 0; offset < input.rows(); offset += INFERENCE_CHUNK) {
            int rows = Math.min(INFERENCE_CHUNK, input.rows() - offset);
            backend.argmaxRows(forwardChunk(input, order, offset, rows), chunk);
            System.arraycopy(chunk, 0, classes, offset, rows);
        }
        return classes;
    }

    /** The class of each of {@code rows} examples given row-major in {@code features}. */
    public int[] classify(float[] features, int rows) {
        return classify(upload(features, rows));
    }

    private Tensor upload(float[] features, int rows) {
        if (rows < 1 || (long) rows * inputSize != features.length) {
            throw new TensorMismatchException("model input: " + features.length + " values are not " + rows
                    + " rows of " + inputSize + " features");
        }
        return backend.fromArray(features, rows, inputSize, dtype);
    }

    private Tensor forwardChunk(Tensor input, int[] order, int offset, int rows) {
        if (input.backend() != backend) {
            throw new TensorMismatchException("model input " + input.shape() + " is on backend '"
                    + input.backend().name() + "' but the model is on '" + backend.name() + "'");
        }
        if (offset == 0 && rows == input.rows()) {
            return forward(input, false);
        }
        Tensor x = inferenceInputs.get(rows);
        backend.gatherRows(input, order, offset, x);
        return forward(x, false);
    }

    private static int[] identity(Tensor input) {
        int[] order = new int[input.rows()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        return order;
    }

    /** A table of layers, output shapes and parameter counts, like Keras' {@code summary()}. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Sequential on %s, %s, input [%d]%n", backend.name(), dtype, inputSize));
        sb.append(String.format(Locale.ROOT, "  %-3s %-28s %-12s %12s%n", "#", "layer", "output", "parameters"));
        for (int i = 0; i < layers.size(); i++) {
            long count = 0;
            for (Parameter p : layers.get(i).parameters()) {
                count += p.value().size();
            }
            sb.append(String.format(Locale.ROOT, "  %-3d %-28s %-12s %,12d%n", i, layers.get(i),
                    "[" + widths[i + 1] + "]", count));
        }
        sb.append(String.format(Locale.ROOT, "  total parameters: %,d (initializer %s, seed %d)", parameterCount(), init, seed));
        return sb.toString();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Sequential[").append(inputSize);
        for (int i = 0; i < layers.size(); i++) {
            sb.append(" -> ").append(layers.get(i));
        }
        return sb.append(']').toString();
    }

    /** Collects layers and settings for a {@link Sequential}. */
    public static final class Builder {
        private final int inputSize;
        private final List<Layer> layers = new ArrayList<>();
        private Initializer init = Initializer.he();
        private long seed = 1;
        private DType dtype = DType.FLOAT32;

        private Builder(int inputSize) {
            if (inputSize < 1) {
                throw new IllegalArgumentException("input size must be at least 1, got " + inputSize);
            }
            this.inputSize = inputSize;
        }

        /** Appends a layer (a new, unbound one: layers cannot be shared between models). */
        public Builder add(Layer layer) {
            layers.add(Objects.requireNonNull(layer, "layer"));
            return this;
        }

        /** Appends {@code new Dense(units)}. */
        public Builder dense(int units) {
            return add(new Dense(units));
        }

        /** Appends a ReLU activation. */
        public Builder relu() {
            return add(Activation.relu());
        }

        /** Appends a sigmoid activation. */
        public Builder sigmoid() {
            return add(Activation.sigmoid());
        }

        /** Appends a tanh activation. */
        public Builder tanh() {
            return add(Activation.tanh());
        }

        /** Appends a softmax. */
        public Builder softmax() {
            return add(new Softmax());
        }

        /** Appends dropout of the given rate. */
        public Builder dropout(double rate) {
            return add(new Dropout(rate));
        }

        /** The initializer for Dense layers without their own (default He). */
        public Builder init(Initializer init) {
            this.init = Objects.requireNonNull(init, "init");
            return this;
        }

        /** The seed of the initial weights (default 1). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Element type (default float32). */
        public Builder dtype(DType dtype) {
            this.dtype = Objects.requireNonNull(dtype, "dtype");
            return this;
        }

        /** Allocates the model's weights on {@code backend}. */
        public Sequential build(Backend backend) {
            return new Sequential(this, backend);
        }
    }
}
