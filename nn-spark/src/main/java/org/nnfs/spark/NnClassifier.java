package org.nnfs.spark;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.nnfs.loss.CrossEntropy;
import org.nnfs.model.Sequential;
import org.nnfs.optim.Optimizer;
import org.nnfs.registry.Catalog;
import org.nnfs.registry.Registry;
import org.nnfs.tensor.Backends;
import org.nnfs.tensor.DType;
import org.nnfs.train.EpochSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A multilayer perceptron classifier for Spark ML, trained by this library on the executors: dense
 * hidden layers with any registered activation and optional dropout, any registered optimizer (SGD,
 * momentum, Adam...) and kernel backend, and a softmax output with one unit per class. Training is
 * synchronous data-parallel mini-batch descent ({@link DistributedTrainer}): the same steps as on one
 * machine.
 *
 * <pre>{@code
 * NnClassifier mlp = new NnClassifier()
 *         .setHiddenLayers(100, 200).setActivation("relu")
 *         .setOptimizer("sgd").setLearningRate(0.1).setBatchSize(512).setEpochs(20)
 *         .setInitializer("normal(0.1)").setSeed(42);
 * NnClassificationModel model = mlp.fit(train);          // columns "features" (vector) and "label"
 * model.transform(test).select("prediction", "probability").show();
 * }</pre>
 *
 * <p>Like every Spark ML estimator it takes its input columns from {@code featuresCol} and
 * {@code labelCol} (labels are class indices {@code 0 .. k-1}), works inside a {@code Pipeline} (after
 * {@code VectorAssembler} and {@code StandardScaler}, say), and saves and loads with
 * {@code write().save(path)} and {@link #load}. Names of activations, initializers and optimizers are
 * those of the library's registry ({@code org.nnfs.registry.Registry}).
 */
public class NnClassifier extends ProbabilisticClassifier<Vector, NnClassifier, NnClassificationModel>
        implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(NnClassifier.class);
    /** Labels beyond this many classes are refused (Spark ML's check when the label column has no metadata). */
    private static final int MAX_CLASSES = 100_000;

    private final String uid;
    private final IntArrayParam hiddenLayers;
    private final Param<String> activation;
    private final DoubleParam dropout;
    private final Param<String> initializer;
    private final Param<String> optimizer;
    private final DoubleParam learningRate;
    private final IntParam batchSize;
    private final IntParam epochs;
    private final LongParam seed;
    private final Param<String> backend;
    private final Param<String> dtype;
    private final IntParam stepsPerSync;
    private transient Consumer<EpochSummary> epochListener = NnClassifier::log;

    /** A classifier with the defaults: hidden layers [100, 200], ReLU, SGD, batch 512, 10 epochs. */
    public NnClassifier() {
        this(Identifiable.randomUID("nnClassifier"));
    }

    /** A classifier with the given uid (Spark ML uses this constructor to copy and load stages). */
    public NnClassifier(String uid) {
        this(PendingUid.of(uid));
    }

    private NnClassifier(PendingUid pending) {
        this.uid = pending.take();
        hiddenLayers = new IntArrayParam(this, "hiddenLayers", "widths of the hidden dense layers, input side "
                + "first; the output layer (a unit per class, softmax) is added");
        activation = new Param<>(this, "activation", "activation after each hidden layer, by registered name: "
                + String.join(", ", Registry.activations().names()));
        dropout = new DoubleParam(this, "dropout", "dropout rate after each hidden activation, in [0, 1); 0: none",
                ParamValidators.inRange(0, 1, true, false));
        initializer = new Param<>(this, "initializer", "initializer of the weights, by registered name with its "
                + "settings: he, glorot, normal(0.1), ...");
        optimizer = new Param<>(this, "optimizer", "optimizer by registered name with its settings: "
                + String.join(", ", Registry.optimizers().names()) + ", e.g. momentum(momentum=0.9)");
        learningRate = new DoubleParam(this, "learningRate", "learning rate, overriding the optimizer's "
                + "(unset: the optimizer's registered default)", ParamValidators.gt(0));
        batchSize = new IntParam(this, "batchSize", "examples per training step; each step is one Spark job",
                ParamValidators.gtEq(1));
        epochs = new IntParam(this, "epochs", "passes over the training data", ParamValidators.gtEq(1));
        seed = new LongParam(this, "seed", "seed of the initial weights, the shuffling and dropout");
        backend = new Param<>(this, "backend", "the executors' tensor backend by name (vector, nd4j, ojalgo); "
                + "empty: each executor's default");
        dtype = new Param<>(this, "dtype", "element type of weights and activations: float32 or float64");
        stepsPerSync = new IntParam(this, "stepsPerSync", "optimizer steps between synchronisations: 1 computes "
                + "every step's gradient over the whole batch (the single-machine result); k > 1 averages the "
                + "partitions' weights after k local steps (k times fewer jobs)", ParamValidators.gtEq(1));
        setDefault(hiddenLayers, new int[] {100, 200});
        setDefault(activation, "relu");
        setDefault(dropout, 0.0);
        setDefault(initializer, "he");
        setDefault(optimizer, "sgd");
        setDefault(batchSize, 512);
        setDefault(epochs, 10);
        setDefault(seed, 1L);
        setDefault(backend, "");
        setDefault(dtype, "float32");
        setDefault(stepsPerSync, 1);
    }

    @Override
    public String uid() {
        return uid != null ? uid : PendingUid.current();
    }

    // ------------------------------------------------------------------ params

    /** Widths of the hidden dense layers, input side first. */
    public IntArrayParam hiddenLayers() {
        return hiddenLayers;
    }

    /** Activation after each hidden layer, by registered name. */
    public Param<String> activation() {
        return activation;
    }

    /** Dropout rate after each hidden activation. */
    public DoubleParam dropout() {
        return dropout;
    }

    /** Initializer of the weights, by registered name with its settings. */
    public Param<String> initializer() {
        return initializer;
    }

    /** Optimizer by registered name with its settings. */
    public Param<String> optimizer() {
        return optimizer;
    }

    /** Learning rate, overriding the optimizer's. */
    public DoubleParam learningRate() {
        return learningRate;
    }

    /** Examples per training step. */
    public IntParam batchSize() {
        return batchSize;
    }

    /** Passes over the training data. */
    public IntParam epochs() {
        return epochs;
    }

    /** Seed of the initial weights, the shuffling and dropout. */
    public LongParam seed() {
        return seed;
    }

    /** The executors' tensor backend by name. */
    public Param<String> backend() {
        return backend;
    }

    /** Element type of weights and activations. */
    public Param<String> dtype() {
        return dtype;
    }

    /** Optimizer steps between synchronisations. */
    public IntParam stepsPerSync() {
        return stepsPerSync;
    }

    /** The hidden layers' widths (default [100, 200]). */
    public int[] getHiddenLayers() {
        return getOrDefault(hiddenLayers);
    }

    /** The hidden activation's registered name (default relu). */
    public String getActivation() {
        return getOrDefault(activation);
    }

    /** The dropout rate after each hidden activation (default 0: none). */
    public double getDropout() {
        return (Double) getOrDefault(dropout);
    }

    /** The weight initializer as text (default he). */
    public String getInitializer() {
        return getOrDefault(initializer);
    }

    /** The optimizer as text (default sgd). */
    public String getOptimizer() {
        return getOrDefault(optimizer);
    }

    /** The learning rate set, or NaN when the optimizer's own applies. */
    public double getLearningRate() {
        return isDefined(learningRate) ? (Double) getOrDefault(learningRate) : Double.NaN;
    }

    /** Examples per training step (default 512). */
    public int getBatchSize() {
        return (Integer) getOrDefault(batchSize);
    }

    /** Passes over the training data (default 10). */
    public int getEpochs() {
        return (Integer) getOrDefault(epochs);
    }

    /** The seed of the initial weights, the shuffling and dropout (default 1). */
    public long getSeed() {
        return (Long) getOrDefault(seed);
    }

    /** The executors' backend by name; empty (the default) for each executor's default. */
    public String getBackend() {
        return getOrDefault(backend);
    }

    /** The element type, float32 (the default) or float64. */
    public String getDtype() {
        return getOrDefault(dtype);
    }

    /** Optimizer steps between synchronisations (default 1: exact synchronous steps). */
    public int getStepsPerSync() {
        return (Integer) getOrDefault(stepsPerSync);
    }

    /** Sets the widths of the hidden layers (none: softmax regression). */
    public NnClassifier setHiddenLayers(int... widths) {
        for (int w : widths) {
            if (w < 1) {
                throw new IllegalArgumentException("hidden layer widths must be at least 1, got " + w);
            }
        }
        return (NnClassifier) set(hiddenLayers, widths.clone());
    }

    /** Sets the activation by registered name ({@code relu}, {@code tanh}, {@code sigmoid}, ...). */
    public NnClassifier setActivation(String name) {
        Registry.activations().get(name);
        return (NnClassifier) set(activation, name);
    }

    /** Sets the dropout rate after each hidden activation, in [0, 1). */
    public NnClassifier setDropout(double rate) {
        return (NnClassifier) set(dropout, rate);
    }

    /** Sets the initializer by registered name with its settings ({@code he}, {@code normal(0.1)}). */
    public NnClassifier setInitializer(String text) {
        Registry.initializers().parse(text);
        return (NnClassifier) set(initializer, text);
    }

    /** Sets the optimizer by registered name with its settings ({@code sgd}, {@code adam(beta1=0.8)}). */
    public NnClassifier setOptimizer(String text) {
        Registry.optimizers().parse(text);
        return (NnClassifier) set(optimizer, text);
    }

    /** Sets the learning rate, overriding the optimizer's own. */
    public NnClassifier setLearningRate(double lr) {
        return (NnClassifier) set(learningRate, lr);
    }

    /** Sets the examples per training step; each step is one Spark job, so larger batches use a cluster better. */
    public NnClassifier setBatchSize(int size) {
        return (NnClassifier) set(batchSize, size);
    }

    /** Sets the passes over the training data. */
    public NnClassifier setEpochs(int count) {
        return (NnClassifier) set(epochs, count);
    }

    /** Sets the seed of the initial weights, the shuffling and dropout. */
    public NnClassifier setSeed(long value) {
        return (NnClassifier) set(seed, value);
    }

    /** Sets the executors' backend by name; empty for each executor's default. */
    public NnClassifier setBackend(String name) {
        return (NnClassifier) set(backend, name == null ? "" : name.strip());
    }

    /** Sets the element type: {@code float32} or {@code float64}. */
    public NnClassifier setDtype(String name) {
        DType.parse(name);
        return (NnClassifier) set(dtype, name);
    }

    /** Sets the optimizer steps between synchronisations (see {@link DistributedTrainer.Builder#stepsPerSync}). */
    public NnClassifier setStepsPerSync(int k) {
        return (NnClassifier) set(stepsPerSync, k);
    }

    /**
     * Calls {@code listener} on the driver after every training epoch (by default each epoch is logged
     * at INFO). Not a param: it is neither saved nor kept by {@link #copy}.
     */
    public NnClassifier setEpochListener(Consumer<EpochSummary> listener) {
        this.epochListener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    // ------------------------------------------------------------------ training

    /**
     * The network this classifier trains for {@code inputs} features and {@code classes} classes, with
     * its initial weights, on the driver.
     */
    Sequential network(int inputs, int classes) {
        Sequential.Builder b = Sequential.builder(inputs)
                .init(Registry.initializers().parse(getInitializer()))
                .seed(getSeed())
                .dtype(DType.parse(getDtype()));
        for (int width : getHiddenLayers()) {
            b.add("dense", Map.of("units", Integer.toString(width)));
            b.add(getActivation());
            if (getDropout() > 0) {
                b.add("dropout", Map.of("rate", Double.toString(getDropout())));
            }
        }
        return b.add("dense", Map.of("units", Integer.toString(classes))).add("softmax")
                .build(Backends.get(getBackend(), 1));
    }

    /** The optimizer the params describe. */
    Optimizer newOptimizer() {
        Catalog<Optimizer> catalog = Registry.optimizers();
        Optimizer parsed = catalog.parse(getOptimizer());
        if (Double.isNaN(getLearningRate())) {
            return parsed;
        }
        Map<String, String> settings = new java.util.LinkedHashMap<>(Registry.optimizers().kind().configOf(parsed));
        settings.put("lr", Double.toString(getLearningRate()));
        return catalog.create(parsed.type(), settings);
    }

    @Override
    public NnClassificationModel train(Dataset<?> dataset) {
        int classes = getNumClasses(dataset, MAX_CLASSES);
        Optimizer opt = newOptimizer();
        try (DistributedDataset data = DistributedDataset.classification(dataset.toDF(), getFeaturesCol(),
                getLabelCol(), classes)) {
            Sequential model = network(data.inputSize(), classes);
            LOG.info("training {} on {} with {}, batch {}, {} epochs", model, data, opt, getBatchSize(), getEpochs());
            DistributedTrainer trainer = DistributedTrainer.builder(model)
                    .optimizer(opt).loss(new CrossEntropy()).seed(getSeed()).backend(getBackend())
                    .stepsPerSync(getStepsPerSync())
                    .onEpoch(epochListener != null ? epochListener : NnClassifier::log) // null after deserialisation
                    .build();
            List<EpochSummary> history = trainer.fit(data, getEpochs(), getBatchSize());
            return new NnClassificationModel(uid(), model, history);
        }
    }

    private static void log(EpochSummary e) {
        LOG.info(String.format(Locale.ROOT, "epoch %d: loss %.4f, accuracy %.4f, %.1f s", e.epoch(), e.trainLoss(),
                e.trainAccuracy(), e.seconds()));
    }

    @Override
    public NnClassifier copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    /** Reads a classifier saved with {@code write().save(path)}. */
    public static MLReader<NnClassifier> read() {
        return new DefaultParamsReader<>();
    }

    /** Loads a classifier saved with {@code write().save(path)}. */
    public static NnClassifier load(String path) {
        return read().load(path);
    }
}
