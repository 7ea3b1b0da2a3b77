package org.nnfs.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.Consumer;

import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import org.nnfs.loss.CrossEntropy;
import org.nnfs.loss.Loss;
import org.nnfs.model.Sequential;
import org.nnfs.optim.ConstantSchedule;
import org.nnfs.optim.Optimizer;
import org.nnfs.optim.OptimizerState;
import org.nnfs.optim.Parameter;
import org.nnfs.optim.Sgd;
import org.nnfs.registry.Registry;
import org.nnfs.tensor.Tensor;
import org.nnfs.train.Batching;
import org.nnfs.train.Checkpoint;
import org.nnfs.train.EpochSummary;
import org.nnfs.train.GradientClipping;
import org.nnfs.train.PartialBatch;
import org.nnfs.train.Trainer;
import org.nnfs.train.TrainingDivergedException;
import org.nnfs.train.TrainingState;

/**
 * Trains a {@link Sequential} on a Spark cluster by synchronous data-parallel mini-batch descent: the
 * same steps as {@link Trainer} on one machine. Each batch of the single-machine order
 * ({@link org.nnfs.train.EpochOrder}) is split over the partitions that hold its examples; every
 * partition computes its part's gradient on its executor's backend, the driver sums the parts in
 * partition order and takes one optimizer step on its model. Spark distributes the work and retries
 * failed tasks; a task depends only on the step and its partition, so a retry changes nothing.
 *
 * <pre>{@code
 * DistributedDataset train = DistributedDataset.classification(df, "features", "label", 10);
 * DistributedTrainer trainer = DistributedTrainer.builder(model)
 *         .optimizer(new Sgd(0.1)).loss(new CrossEntropy()).seed(7).backend("vector").build();
 * trainer.fit(train, 20, 512);                              // model now holds the trained weights
 * ModelFile.save(trainer.checkpoint(), path);                // Trainer.resume continues it on one machine
 * }</pre>
 *
 * <p><b>Cost.</b> Every step is one Spark job: the driver sends the model's values with the step (Spark
 * broadcasts them with the task) and receives one gradient per partition. Use large batches and about
 * one partition per task slot; {@link Builder#stepsPerSync(int)} trades exactness for fewer jobs.
 *
 * <p>Dropout draws its masks per partition, so with dropout the result is statistically, not bitwise,
 * the single-machine one. Buffers a layer changes while training (batch-norm statistics) are averaged
 * over the partitions, weighted by their rows.
 */
public final class DistributedTrainer {
    private final Sequential model;
    private final Optimizer optimizer;
    private OptimizerState optimizerState;
    private final Loss loss;
    private final long seed;
    private final String backend;
    private final boolean shuffle;
    private final int stepsPerSync;
    private final Consumer<EpochSummary> onEpoch;
    private final TrainingJob.TaskHook hook;
    private final String id = UUID.randomUUID().toString();
    private final List<Parameter> parameters;
    private final List<Tensor> synced;
    private final List<EpochSummary> history;
    private int epochsCompleted;
    private OptionalInt batchSize;
    private OptionalInt trainingSetSize;

    private DistributedTrainer(Builder b) {
        this.model = b.model;
        this.optimizer = b.optimizer;
        this.loss = b.loss;
        this.seed = b.seed;
        this.backend = b.backend;
        this.shuffle = b.shuffle;
        this.stepsPerSync = b.stepsPerSync;
        this.onEpoch = b.onEpoch;
        this.hook = b.hook;
        this.parameters = model.parameters();
        this.synced = Replica.synced(model);
        this.history = new ArrayList<>(b.history);
        this.epochsCompleted = b.epochsCompleted;
        this.batchSize = b.batchSize;
        this.trainingSetSize = b.trainingSetSize;
        this.optimizerState = b.optimizerState != null ? b.optimizerState
                : optimizer.newState(TensorValues.values(parameters));
        optimizer.checkState(TensorValues.values(parameters), optimizerState);
        // What executors rebuild by name must be registered: fail here, not in a task.
        ModelBlueprint.of(model);
        Registry.losses().parse(Registry.losses().format(loss));
        Registry.optimizers().parse(Registry.optimizers().format(optimizer));
    }

    /** Starts a trainer for {@code model} (the driver's copy, updated in place); defaults: SGD 0.01, cross-entropy, seed 1. */
    public static Builder builder(Sequential model) {
        return new Builder(Objects.requireNonNull(model, "model"));
    }

    /**
     * A builder that continues the training saved in {@code checkpoint} (saved by this trainer or by
     * {@link Trainer}): its model, optimizer and state, loss, seed, progress and history. Set the
     * executors' backend and the like on it; the training's own settings are fixed.
     *
     * @throws IllegalArgumentException when the checkpoint holds no training state
     */
    public static Builder resume(Checkpoint checkpoint) {
        TrainingState state = checkpoint.training().orElseThrow(() -> new IllegalArgumentException(
                "the checkpoint holds a model without training state, so training cannot resume from it; "
                        + "start a new trainer with DistributedTrainer.builder(model)"));
        refuseUnsupported(state);
        Builder b = new Builder(checkpoint.model());
        b.optimizer = state.optimizer();
        b.optimizerState = state.optimizerState();
        b.loss = state.loss();
        b.seed = state.seed();
        b.history = state.history();
        b.epochsCompleted = state.epochsCompleted();
        b.batchSize = state.batchSize();
        b.trainingSetSize = state.trainingSetSize();
        b.resumed = true;
        return b;
    }

    /** A run this trainer cannot continue exactly is refused, naming the setting, rather than changed. */
    private static void refuseUnsupported(TrainingState state) {
        String unsupported = null;
        if (!"constant".equals(state.schedule().type()) || state.schedule().warmupEpochs() != 0) {
            unsupported = "a learning-rate schedule (" + state.schedule() + ")";
        } else if (!state.clipping().equals(GradientClipping.none())) {
            unsupported = "gradient clipping (" + state.clipping() + ")";
        } else if (state.earlyStopping().isPresent()) {
            unsupported = "early stopping";
        } else if (state.batching().isPresent() && state.batching().get().validationSplit() > 0) {
            unsupported = "a validation split (" + state.batching().get().validationSplit() + ")";
        } else if (state.batching().isPresent() && state.batching().get().partialBatch() != PartialBatch.KEEP) {
            unsupported = "the partial last batch " + state.batching().get().partialBatch()
                    + " (the distributed trainer keeps it as it is: KEEP)";
        }
        if (unsupported != null) {
            throw new IllegalArgumentException("the checkpoint's training uses " + unsupported
                    + ", which the distributed trainer does not support; continue it with Trainer.resume");
        }
    }

    /** The driver's model, holding the trained values. */
    public Sequential model() {
        return model;
    }

    /** The optimizer's settings. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** Epochs completed over the training's life, including those of a checkpoint it resumed. */
    public int epochsCompleted() {
        return epochsCompleted;
    }

    /** Every epoch's summary so far. */
    public List<EpochSummary> history() {
        return List.copyOf(history);
    }

    /**
     * The state that continues this training, in this library's terms: {@code Trainer.resume} continues
     * it on one machine, {@link #resume} on a cluster. It shares the optimizer's tensors (see
     * {@link Trainer#state()}).
     */
    public TrainingState state() {
        // This trainer keeps the last partial batch as it is, and has no schedule, clipping or validation split.
        Optional<Batching> batching = batchSize.isPresent()
                ? Optional.of(new Batching(batchSize.getAsInt(), trainingSetSize.getAsInt(), 0, PartialBatch.KEEP))
                : Optional.empty();
        ConstantSchedule schedule = new ConstantSchedule(0);
        return new TrainingState(optimizer, optimizerState.snapshot(), schedule,
                schedule.newState(optimizer.learningRate()), loss, GradientClipping.none(), seed, epochsCompleted,
                history, batching, Optional.empty(), Map.of());
    }

    /** The model with {@link #state()}, to save with {@code ModelFile.save(Checkpoint, Path)}. */
    public Checkpoint checkpoint() {
        return Checkpoint.of(model, state());
    }

    /**
     * Trains {@code epochs} more epochs on {@code data} in batches of {@code batchSize} (the last batch of
     * an epoch may be smaller), updating the driver's model; returns the new epochs' summaries.
     *
     * @throws IllegalArgumentException  when the data does not fit the model, or this training ran with another
     *                                   batch size or training-set size
     * @throws TrainingDivergedException when a batch's loss is not finite
     */
    public List<EpochSummary> fit(DistributedDataset data, int epochs, int batchSize) {
        Objects.requireNonNull(data, "data");
        if (epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("epochs and batch size must be at least 1, got " + epochs + " and "
                    + batchSize);
        }
        if (data.inputSize() != model.inputSize() || data.outputSize() != model.outputSize()) {
            throw new IllegalArgumentException("the data has " + data.inputSize() + " features and "
                    + data.outputSize() + " targets per example, the model takes " + model.inputSize()
                    + " inputs and gives " + model.outputSize() + " outputs");
        }
        checkSameRun(batchSize, data.size());
        int batch = Math.min(batchSize, data.size());
        TrainingJob job = new TrainingJob(id, ModelBlueprint.of(model), backend, Registry.losses().format(loss),
                Registry.optimizers().format(optimizer), seed, shuffle, data, batch, hook);
        SparkContext sc = data.blocks().context();
        String description = sc.getLocalProperty("spark.job.description");
        List<EpochSummary> trained = new ArrayList<>();
        try {
            for (int e = 0; e < epochs; e++) {
                int epoch = epochsCompleted + 1;
                EpochSummary summary = runEpoch(data, job, epoch, sc);
                epochsCompleted = epoch;
                this.batchSize = OptionalInt.of(batchSize);
                this.trainingSetSize = OptionalInt.of(data.size());
                history.add(summary);
                trained.add(summary);
                onEpoch.accept(summary);
            }
        } finally {
            sc.setJobDescription(description);
        }
        return trained;
    }

    private EpochSummary runEpoch(DistributedDataset data, TrainingJob job, int epoch, SparkContext sc) {
        long start = System.nanoTime();
        int batches = job.batches();
        double lossSum = 0;
        long correct = 0;
        for (int b = 0; b < batches; b += stepsPerSync) {
            int round = Math.min(stepsPerSync, batches - b);
            sc.setJobDescription("nn-spark: epoch " + epoch + ", batch " + (b + 1) + " of " + batches);
            Sums sums = stepsPerSync == 1 ? gradientStep(data.blocks(), job, epoch, b)
                    : localSteps(data.blocks(), job, epoch, b, round);
            if (!Double.isFinite(sums.lossSum)) {
                throw new TrainingDivergedException(epoch, b + 1, batches, sums.lossSum / sums.rows);
            }
            lossSum += sums.lossSum;
            correct += sums.correct;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int n = data.size();
        return new EpochSummary(epoch, lossSum / n, data.classes() > 0 ? (double) correct / n : Double.NaN,
                Double.NaN, Double.NaN, seconds, n / Math.max(seconds, 1e-9));
    }

    /** One synchronous step: the batch's gradient summed over the partitions, one optimizer step. */
    private Sums gradientStep(JavaRDD<PartitionBlock> blocks, TrainingJob job, int epoch, int batch) {
        Sums sums = collect(blocks, new GradientTask(job, epoch, batch, TensorValues.of(synced)), synced.size());
        for (int i = 0; i < parameters.size(); i++) {
            Tensor grad = parameters.get(i).grad();
            grad.backend().copyFrom(sums.mean(i), grad);
        }
        writeBuffers(sums);
        optimizer.step(parameters, optimizerState);
        return sums;
    }

    /** One round of parameter averaging: local steps on every partition, then the row-weighted mean. */
    private Sums localSteps(JavaRDD<PartitionBlock> blocks, TrainingJob job, int epoch, int firstBatch, int batches) {
        List<Tensor> exchanged = new ArrayList<>(synced);
        exchanged.addAll(optimizerState.tensors());
        LocalStepsTask task = new LocalStepsTask(job, epoch, firstBatch, batches, TensorValues.of(exchanged),
                optimizerState.steps());
        Sums sums = collect(blocks, task, exchanged.size());
        for (int i = 0; i < exchanged.size(); i++) {
            if (i < parameters.size() || i >= synced.size()) {
                Tensor t = exchanged.get(i);
                t.backend().copyFrom(sums.mean(i), t);
            }
        }
        writeBuffers(sums);
        optimizerState = new OptimizerState(optimizerState.steps() + batches, optimizerState.tensors());
        return sums;
    }

    private void writeBuffers(Sums sums) {
        for (int i = parameters.size(); i < synced.size(); i++) {
            if (sums.contributed(i)) {
                Tensor t = synced.get(i);
                t.backend().copyFrom(sums.mean(i), t);
            }
        }
    }

    private static Sums collect(JavaRDD<PartitionBlock> blocks,
                                Function2<Integer, java.util.Iterator<PartitionBlock>, java.util.Iterator<StepResult>> task,
                                int tensors) {
        List<StepResult> parts = SparkErrors.unwrap(() -> blocks.mapPartitionsWithIndex(task, false).collect());
        Sums sums = new Sums(tensors);
        for (StepResult part : parts) { // in partition order: the same sums whatever order tasks finish in
            sums.add(part);
        }
        return sums;
    }

    private void checkSameRun(int newBatchSize, int newTrainingSetSize) {
        if (batchSize.isPresent() && batchSize.getAsInt() != newBatchSize) {
            throw new IllegalArgumentException("this training ran with batch size " + batchSize.getAsInt()
                    + "; continuing it with batch size " + newBatchSize + " would not continue the same run");
        }
        if (trainingSetSize.isPresent() && trainingSetSize.getAsInt() != newTrainingSetSize) {
            throw new IllegalArgumentException("this training ran on " + trainingSetSize.getAsInt()
                    + " examples; continuing it on " + newTrainingSetSize + " would not continue the same run");
        }
    }

    /** The partitions' results added up, tensor by tensor, each weighted by its rows, with the rows behind each sum. */
    private static final class Sums {
        private final double[][] sums;
        private final long[] weights;
        long rows;
        double lossSum;
        long correct;

        Sums(int tensors) {
            sums = new double[tensors][];
            weights = new long[tensors];
        }

        void add(StepResult part) {
            rows += part.rows;
            lossSum += part.lossSum;
            correct += part.correct;
            if (part.values == null) {
                return;
            }
            for (int i = 0; i < sums.length; i++) {
                if (part.values.has(i)) {
                    sums[i] = part.values.addTo(i, sums[i], part.rows);
                    weights[i] += part.rows;
                }
            }
        }

        boolean contributed(int i) {
            return sums[i] != null;
        }

        /** The row-weighted mean of tensor {@code i} over the partitions that sent it (in place). */
        double[] mean(int i) {
            double[] s = sums[i];
            double scale = 1.0 / weights[i];
            for (int k = 0; k < s.length; k++) {
                s[k] *= scale;
            }
            return s;
        }
    }

    /** Collects a {@link DistributedTrainer}'s settings. */
    public static final class Builder {
        private final Sequential model;
        private Optimizer optimizer = new Sgd(0.01);
        private OptimizerState optimizerState;
        private Loss loss = new CrossEntropy();
        private long seed = 1;
        private String backend = "";
        private boolean shuffle = true;
        private int stepsPerSync = 1;
        private Consumer<EpochSummary> onEpoch = summary -> { };
        private TrainingJob.TaskHook hook = TrainingJob.TaskHook.NONE;
        private List<EpochSummary> history = List.of();
        private int epochsCompleted;
        private OptionalInt batchSize = OptionalInt.empty();
        private OptionalInt trainingSetSize = OptionalInt.empty();
        private boolean resumed;

        private Builder(Sequential model) {
            this.model = model;
        }

        /** The optimizer (default SGD with learning rate 0.01). */
        public Builder optimizer(Optimizer optimizer) {
            checkNew("optimizer");
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
            return this;
        }

        /** The loss (default cross-entropy, fused with a final softmax). */
        public Builder loss(Loss loss) {
            checkNew("loss");
            this.loss = Objects.requireNonNull(loss, "loss");
            return this;
        }

        /** The seed of shuffling and dropout (default 1): the same seed as a {@link Trainer}'s gives its batches. */
        public Builder seed(long seed) {
            checkNew("seed");
            this.seed = seed;
            return this;
        }

        /**
         * The backend the executors compute on, by name ({@code "vector"}, {@code "nd4j"}, {@code "ojalgo"});
         * empty (the default) lets each executor choose as {@code Backends.get()} does. Each task gets a
         * backend with {@code spark.task.cpus} threads.
         */
        public Builder backend(String backend) {
            this.backend = backend == null ? "" : backend.strip();
            return this;
        }

        /** Whether each epoch visits the examples in a new random order (default true), as {@link Trainer} does. */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /**
         * Optimizer steps between synchronisations (default 1: every step's gradient is the whole batch's,
         * exactly as on one machine). With {@code k > 1} each partition takes {@code k} local steps on its
         * share of {@code k} consecutive batches, then the driver averages the weights and optimizer state,
         * weighted by rows: {@code k} times fewer Spark jobs, at some cost in accuracy.
         */
        public Builder stepsPerSync(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("steps per synchronisation must be at least 1, got " + k);
            }
            this.stepsPerSync = k;
            return this;
        }

        /** Called on the driver after every epoch, with its summary. */
        public Builder onEpoch(Consumer<EpochSummary> listener) {
            this.onEpoch = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** For tests: runs at the start of every task (to inject failures). */
        Builder taskHook(TrainingJob.TaskHook hook) {
            this.hook = Objects.requireNonNull(hook, "hook");
            return this;
        }

        private void checkNew(String setting) {
            if (resumed) {
                throw new IllegalStateException("the " + setting + " of a resumed training is the checkpoint's");
            }
        }

        /**
         * The trainer.
         *
         * @throws IllegalArgumentException when the model, loss or optimizer is not registered by name (executors
         *                                  rebuild them from their names)
         */
        public DistributedTrainer build() {
            return new DistributedTrainer(this);
        }
    }
}
