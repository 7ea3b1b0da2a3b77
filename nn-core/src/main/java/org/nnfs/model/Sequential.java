package org.nnfs.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Function;

import org.nnfs.init.Initializer;
import org.nnfs.layer.Activation;
import org.nnfs.layer.ActivationFunction;
import org.nnfs.layer.BatchNorm;
import org.nnfs.layer.Dense;
import org.nnfs.layer.Dropout;
import org.nnfs.layer.Layer;
import org.nnfs.layer.LayerNorm;
import org.nnfs.layer.Mode;
import org.nnfs.layer.Softmax;
import org.nnfs.layer.TensorSpec;
import org.nnfs.loss.Head;
import org.nnfs.loss.Loss;
import org.nnfs.optim.Parameter;
import org.nnfs.registry.Registry;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;
import org.nnfs.tensor.TensorMismatchException;

/**
 * A stack of layers applied in order, like Keras' {@code Sequential}: the layers (immutable
 * configuration) and the tensors they declared, allocated on one backend.
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
 * <p>Passes run the model: {@link #forward}, {@link #backward} and {@link #parameters} use the model's
 * training pass (created, with its gradients, on first use, so a model that only predicts allocates
 * none). Training goes through {@link org.nnfs.train.Trainer}.
 *
 * <p><b>Threads.</b> {@link #predict} and {@link #classify} may be called from any number of threads at
 * once, with no lock: each call borrows an idle {@link InferencePass} of the model's (its own activation
 * buffers) and gives it back, so threads compute in parallel and, in steady state, nothing is allocated.
 * While a trainer trains the model on one thread, other threads may keep predicting: each training step
 * holds them off ({@link #beginTrainingStep()}), so a prediction sees the model between two steps,
 * never halfway through one, and training never sees them. A backend runs each call's kernels with its
 * own thread count; for many threads predicting small batches at once, a backend of one thread each
 * ({@code Backends.get("vector", 1)}) avoids oversubscribing the cores.
 */
public final class Sequential {
    /**
     * The most elements (8 Mi: 32 MB of float32) of the widest tensor one inference chunk makes: a large
     * prediction runs in chunks so its buffers stay bounded, and the bound counts elements rather than rows
     * so that narrow models run large inputs in one pass (no copy of the input, fewer and larger products)
     * while wide ones still fit.
     */
    static final long INFERENCE_CHUNK_ELEMENTS = 1L << 23;
    /** The most rows of one inference chunk: a chunk holds off a training step while it runs. */
    static final int INFERENCE_CHUNK_MAX_ROWS = 16_384;
    /** The most idle inference passes a model keeps (each holds the buffers of the row counts it ran). */
    private static final int IDLE_PASSES = 64;
    /** Slots lie 16 references apart, 64 bytes (compressed references) or 128: a cache line each. */
    private static final int SLOT_STRIDE = 16;
    /** The most elements one tensor may hold (the limit of Java arrays, which backends copy through). */
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private final Backend backend;
    private final DType dtype;
    private final int inputSize;
    private final List<Layer> layers;
    private final int[] widths;
    private final int inferenceChunkRows;
    private final Initializer init;
    private final long seed;
    private final List<ModelTensor> tensors;
    private final List<Map<String, ModelTensor>> tensorsByLayer;
    private final long parameterCount;
    private final Head head;
    private volatile TrainingPass trainingPass;
    /** Held exclusively by a training step; inference reads optimistically against it. */
    private final StampedLock steps = new StampedLock();
    private long stepStamp; // guarded by steps' write lock
    /** Idle inference passes, one per {@link #SLOT_STRIDE} elements so that threads do not share a cache line. */
    private final AtomicReferenceArray<InferencePass> idle = new AtomicReferenceArray<>(IDLE_PASSES * SLOT_STRIDE);

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
        widths = widths(inputSize, layers);
        inferenceChunkRows = inferenceChunkRows(Arrays.stream(widths).max().getAsInt());
        head = head(layers.get(layers.size() - 1), outputSize());
        List<DeclaredTensor> declared = declarations(layers, widths);
        SplittableRandom random = new SplittableRandom(seed);
        List<ModelTensor> all = new ArrayList<>();
        List<Map<String, ModelTensor>> byLayer = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            byLayer.add(new LinkedHashMap<>());
        }
        long parameters = 0;
        for (DeclaredTensor d : declared) {
            TensorSpec spec = d.spec();
            if (spec.elements() > MAX_ELEMENTS) {
                throw new IllegalArgumentException("layer " + d.layer() + " (" + layers.get(d.layer()) + "): tensor '"
                        + spec.name() + "' " + spec.shape() + " has more elements than any tensor can hold");
            }
            ModelTensor t = new ModelTensor(d.name(), d.layer(), spec, allocate(spec, random));
            byLayer.get(d.layer()).put(spec.name(), t);
            all.add(t);
            parameters += spec.isParameter() ? spec.elements() : 0;
        }
        byLayer.replaceAll(Collections::unmodifiableMap);
        this.tensors = List.copyOf(all);
        this.tensorsByLayer = List.copyOf(byLayer);
        this.parameterCount = parameters;
    }

    /** Starts a model whose examples have {@code inputSize} features. */
    public static Builder builder(int inputSize) {
        return new Builder(inputSize);
    }

    /**
     * The input width of every layer and the output width of the last, {@code widths[0] = inputSize}.
     *
     * @throws IllegalArgumentException naming the layer that refuses its input or gives no output
     */
    static int[] widths(int inputSize, List<Layer> layers) {
        int[] widths = new int[layers.size() + 1];
        widths[0] = inputSize;
        for (int i = 0; i < layers.size(); i++) {
            widths[i + 1] = layers.get(i).outputSize(widths[i]);
            if (widths[i + 1] < 1) {
                throw new IllegalArgumentException("layer " + i + " (" + layers.get(i) + ") gives " + widths[i + 1]
                        + " outputs for " + widths[i] + " inputs");
            }
        }
        return widths;
    }

    private static Head head(Layer last, int outputs) {
        Head.Kind kind = Head.Kind.OTHER;
        if (last instanceof Softmax) {
            kind = Head.Kind.SOFTMAX;
        } else if (last instanceof Activation a && a.function() == ActivationFunction.sigmoid()) {
            kind = Head.Kind.SIGMOID;
        }
        return new Head(kind, outputs, last.toString());
    }

    /**
     * Every tensor the layers declare for their input widths, named, in layer and declaration order;
     * nothing is allocated.
     *
     * @throws IllegalArgumentException naming a layer that declares one name twice
     */
    static List<DeclaredTensor> declarations(List<Layer> layers, int[] widths) {
        List<DeclaredTensor> all = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            Set<String> names = new HashSet<>();
            for (TensorSpec spec : layer.tensors(widths[i])) {
                if (!names.add(spec.name())) {
                    throw new IllegalArgumentException("layer " + i + " (" + layer + ") declares tensor '"
                            + spec.name() + "' twice");
                }
                // One concatenation, not layerName(...) + name: a crafted file may declare ten thousand layers.
                all.add(new DeclaredTensor(layer.type() + "_" + i + "." + spec.name(), i, spec));
            }
        }
        return all;
    }

    /** {@code <type>_<index>}: how tensor names (see {@link #declarations}) and messages call layer {@code index}. */
    static String layerName(Layer layer, int index) {
        return layer.type() + "_" + index;
    }

    private Tensor allocate(TensorSpec spec, SplittableRandom random) {
        Initializer first = spec.initializer().orElse(init);
        if (first == Initializer.zeros()) {
            return backend.zeros(spec.rows(), spec.cols(), dtype);
        }
        // Drawn in layer and declaration order from one stream: the same seed gives the same weights anywhere.
        double[] values = new double[Math.toIntExact(spec.elements())];
        first.fill(values, spec.rows(), spec.cols(), random);
        return backend.fromArray(values, spec.rows(), spec.cols(), dtype);
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

    /**
     * What the model ends with, as losses see it: a softmax, a sigmoid or other values (logits, a
     * regression's outputs), and the output width. A trainer checks its loss against it.
     */
    public Head head() {
        return head;
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

    /**
     * Every tensor the layers declared, parameters and buffers, named {@code <type>_<layer index>.<name>},
     * in layer and declaration order.
     */
    public List<ModelTensor> tensors() {
        return tensors;
    }

    /** Total number of trainable values, from the layers' declarations. */
    public long parameterCount() {
        return parameterCount;
    }

    /** Rows per inference chunk of this model (see {@link #INFERENCE_CHUNK_ELEMENTS}). */
    int inferenceChunkRows() {
        return inferenceChunkRows;
    }

    /** Rows per inference chunk of a model whose widest input or layer output has {@code widest} values. */
    static int inferenceChunkRows(int widest) {
        return (int) Math.max(1, Math.min(INFERENCE_CHUNK_MAX_ROWS, INFERENCE_CHUNK_ELEMENTS / widest));
    }

    /** The input width of layer {@code i}. */
    int width(int i) {
        return widths[i];
    }

    /** The tensors layer {@code i} declared, by declared name. */
    Map<String, ModelTensor> layerTensors(int i) {
        return tensorsByLayer.get(i);
    }

    /** Rejects an input of the wrong width or on another backend. */
    void checkInput(Tensor input) {
        if (input.cols() != inputSize) {
            throw new TensorMismatchException("model input must have " + inputSize + " columns, got " + input.shape());
        }
        if (input.backend() != backend) {
            throw new TensorMismatchException("model input " + input.shape() + " is on backend '"
                    + input.backend().name() + "' but the model is on '" + backend.name() + "'");
        }
    }

    // ------------------------------------------------------------------ the training pass

    private TrainingPass trainingPass() {
        TrainingPass pass = trainingPass;
        if (pass == null) {
            synchronized (this) {
                pass = trainingPass;
                if (pass == null) {
                    pass = new TrainingPass(this);
                    trainingPass = pass;
                }
            }
        }
        return pass;
    }

    /**
     * Runs all layers in the training pass; the result is the last layer's buffer, valid until the next
     * forward pass. In {@link Mode#TRAINING} dropout drops and a {@link #backward} may follow.
     *
     * @throws TensorMismatchException if {@code input} is not {@code [rows, inputSize()]}
     */
    public Tensor forward(Tensor input, Mode mode) {
        return trainingPass().forward(input, Objects.requireNonNull(mode, "mode"));
    }

    /**
     * After {@link #forward}, computes the loss against {@code target} and back-propagates it, writing
     * every parameter's gradient. When the model ends in {@link Softmax} (or a sigmoid) and the loss
     * {@linkplain Loss#fusesWithSoftmax() fuses} with it ({@linkplain Loss#fusesWithSigmoid() or with the
     * sigmoid}), back-propagation starts at the logits with {@code (p - y) / n}. Returns the mean loss of
     * the batch.
     */
    public double backward(Loss loss, Tensor target) {
        return trainingPass().backward(loss, target);
    }

    /**
     * Every trainable parameter with its gradient in the training pass, named
     * {@code <type>_<layer index>.<name>}, in layer order.
     */
    public List<Parameter> parameters() {
        return trainingPass().parameters();
    }

    /** Re-seeds the layers' own randomness (dropout) in the training pass; the trainer calls it once per epoch. */
    public void reseed(long seed) {
        trainingPass().reseed(seed);
    }

    // ------------------------------------------------------------------ training steps and inference

    /** The lock training steps hold exclusively and inference validates against (see {@link InferencePass}). */
    StampedLock steps() {
        return steps;
    }

    /**
     * Starts a training step: until {@link #endTrainingStep()}, the calling thread may change the model's
     * tensors (a forward pass in training mode updates buffers, an optimizer step the parameters), and
     * inference on other threads waits for the step to end, so a prediction sees the model between two
     * steps, never halfway through one. {@code Trainer.fit} brackets every step this way, so predicting
     * on another thread while a model trains is safe; a hand-written training loop should do the same.
     * A second thread's step waits for the first. Not reentrant: the calling thread must not run
     * inference on this model before it ends the step.
     */
    public void beginTrainingStep() {
        long stamp = steps.writeLock();
        stepStamp = stamp;
    }

    /**
     * Ends the step {@link #beginTrainingStep()} started.
     *
     * @throws IllegalStateException when no step is under way
     */
    public void endTrainingStep() {
        long stamp = stepStamp;
        if (stamp == 0 || !steps.isWriteLocked()) {
            throw new IllegalStateException("endTrainingStep() without beginTrainingStep()");
        }
        stepStamp = 0;
        steps.unlockWrite(stamp);
    }

    /**
     * A new inference pass with buffers of its own, for one thread. The model's own {@code predict} and
     * {@code classify} lend one out per call; a thread that predicts all the time may keep its own.
     */
    public InferencePass newInferencePass() {
        return new InferencePass(this);
    }

    /** An idle pass of this model's, or a new one: no lock, and no allocation once enough passes exist. */
    private InferencePass borrow() {
        int start = home();
        for (int i = 0; i < IDLE_PASSES; i++) {
            int slot = ((start + i) % IDLE_PASSES) * SLOT_STRIDE;
            if (idle.get(slot) != null) {
                InferencePass pass = idle.getAndSet(slot, null);
                if (pass != null) {
                    return pass;
                }
            }
        }
        return newInferencePass();
    }

    /** Puts a pass back for the next call; when every slot is taken, lets it go. */
    private void giveBack(InferencePass pass) {
        int start = home();
        for (int i = 0; i < IDLE_PASSES; i++) {
            int slot = ((start + i) % IDLE_PASSES) * SLOT_STRIDE;
            if (idle.get(slot) == null && idle.compareAndSet(slot, null, pass)) {
                return;
            }
        }
    }

    /** Where the calling thread starts looking: threads mostly get their own pass back, on their own cache line. */
    private static int home() {
        return (int) (Thread.currentThread().getId() % IDLE_PASSES);
    }

    /** A call that writes into the caller's array {@code out}. */
    private interface IntoArray<T> {
        void run(InferencePass pass, float[] features, int rows, T out);
    }

    // The calls are unbound method references, constants that capture nothing: no allocation per call.
    private <T> void intoArray(IntoArray<T> call, float[] features, int rows, T out) {
        InferencePass pass = borrow();
        try {
            call.run(pass, features, rows, out);
        } finally {
            giveBack(pass);
        }
    }

    private <R> R withPass(Function<InferencePass, R> call) {
        InferencePass pass = borrow();
        try {
            return call.apply(pass);
        } finally {
            giveBack(pass);
        }
    }

    /** Outputs (probabilities, for a classifier) for every row of {@code input}, as a new tensor. */
    public Tensor predict(Tensor input) {
        return withPass(p -> p.predict(input));
    }

    /**
     * The class of every row of {@code input}: the index of the largest output; for a model of one
     * output (binary classification), 1 when the probability of class 1 is above 0.5, where a model that
     * does not end in a sigmoid is taken to give the logit.
     */
    public int[] classify(Tensor input) {
        return withPass(p -> p.classify(input));
    }

    /** Outputs for {@code rows} examples given row-major in {@code features}; returns row-major outputs. */
    public float[] predict(float[] features, int rows) {
        return withPass(p -> p.predict(features, rows));
    }

    /**
     * Writes the outputs of {@code rows} examples, given row-major in {@code features}, row-major into
     * {@code out} ({@code out[r * outputSize() + c]}). Allocates nothing in steady state, on any backend.
     *
     * @throws TensorMismatchException when the lengths do not fit {@code rows}
     */
    public void predict(float[] features, int rows, float[] out) {
        intoArray(InferencePass::predict, features, rows, out);
    }

    /** The outputs for every row of {@code rows}, one row each: {@code p[r][c]}. */
    public float[][] predict(float[][] rows) {
        return withPass(p -> p.predict(rows));
    }

    /** The outputs for every row of {@code rows}, one row each: {@code p[r][c]}. */
    public double[][] predict(double[][] rows) {
        return withPass(p -> p.predict(rows));
    }

    /** The class of each of {@code rows} examples given row-major in {@code features} (see {@link #classify(Tensor)}). */
    public int[] classify(float[] features, int rows) {
        return withPass(p -> p.classify(features, rows));
    }

    /**
     * Writes the class of each of {@code rows} examples, given row-major in {@code features}, into
     * {@code out} (see {@link #classify(Tensor)}). Allocates nothing in steady state, on any backend.
     *
     * @throws TensorMismatchException when the lengths do not fit {@code rows}
     */
    public void classify(float[] features, int rows, int[] out) {
        intoArray(InferencePass::classify, features, rows, out);
    }

    /** The class of every row of {@code rows} (see {@link #classify(Tensor)}). */
    public int[] classify(float[][] rows) {
        return withPass(p -> p.classify(rows));
    }

    /** The class of every row of {@code rows} (see {@link #classify(Tensor)}). */
    public int[] classify(double[][] rows) {
        return withPass(p -> p.classify(rows));
    }

    /** A table of layers, output shapes and parameter counts, like Keras' {@code summary()}. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Sequential on %s, %s, input [%d]%n", backend.name(), dtype, inputSize));
        sb.append(String.format(Locale.ROOT, "  %-3s %-28s %-12s %12s%n", "#", "layer", "output", "parameters"));
        long buffers = 0;
        for (int i = 0; i < layers.size(); i++) {
            long count = 0;
            for (ModelTensor t : tensorsByLayer.get(i).values()) {
                if (t.isParameter()) {
                    count += t.spec().elements();
                } else {
                    buffers += t.spec().elements();
                }
            }
            sb.append(String.format(Locale.ROOT, "  %-3d %-28s %-12s %,12d%n", i, layers.get(i),
                    "[" + widths[i + 1] + "]", count));
        }
        sb.append(String.format(Locale.ROOT, "  total parameters: %,d (initializer %s, seed %d)", parameterCount, init, seed));
        if (buffers > 0) {
            sb.append(String.format(Locale.ROOT, "%n  buffers (not trained): %,d values", buffers));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Sequential[").append(inputSize);
        for (Layer layer : layers) {
            sb.append(" -> ").append(layer);
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

        /** Appends a layer (layers are immutable configuration: one may appear in several models). */
        public Builder add(Layer layer) {
            layers.add(Objects.requireNonNull(layer, "layer"));
            return this;
        }

        /**
         * Appends a layer of a registered type, built from its settings as text, e.g.
         * {@code add("dense", Map.of("units", "100"))}; activations are layer types too.
         *
         * @throws IllegalArgumentException naming an unknown type, or the type and its unknown, missing or
         *                                  malformed setting
         */
        public Builder add(String type, Map<String, String> settings) {
            return add(Registry.layers().create(type, settings));
        }

        /** Appends a layer of a registered type with its default settings, e.g. {@code add("relu")}. */
        public Builder add(String type) {
            return add(type, Map.of());
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

        /** Appends an exact GELU activation, {@code x·Φ(x)}. */
        public Builder gelu() {
            return add(Activation.gelu());
        }

        /** Appends a leaky ReLU activation with the given slope for negative inputs. */
        public Builder leakyRelu(double slope) {
            return add(Activation.leakyRelu(slope));
        }

        /** Appends batch normalization with PyTorch's defaults (momentum 0.1, epsilon 1e-5). */
        public Builder batchNorm() {
            return add(new BatchNorm());
        }

        /** Appends layer normalization with PyTorch's epsilon (1e-5). */
        public Builder layerNorm() {
            return add(new LayerNorm());
        }

        /** Appends a softmax. */
        public Builder softmax() {
            return add(new Softmax());
        }

        /** Appends dropout of the given rate. */
        public Builder dropout(double rate) {
            return add(new Dropout(rate));
        }

        /** The initializer for tensors whose layer leaves it to the model (default He). */
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

        /**
         * The tensors the model will hold, from the layers' declarations for their input widths, without
         * allocating any: what {@link Sequential#tensors()} will list, and what model files check their
         * tables against before reading.
         *
         * @throws IllegalArgumentException naming a layer that refuses its input width or declares a name twice
         */
        public List<DeclaredTensor> declarations() {
            return Sequential.declarations(layers, widths(inputSize, layers));
        }

        /** Allocates the model's tensors on {@code backend}. */
        public Sequential build(Backend backend) {
            return new Sequential(this, backend);
        }
    }
}
