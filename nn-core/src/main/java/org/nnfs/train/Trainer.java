package org.nnfs.train;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

import org.nnfs.data.Dataset;
import org.nnfs.eval.Evaluation;
import org.nnfs.eval.Evaluator;
import org.nnfs.internal.Batches;
import org.nnfs.internal.DataChecks;
import org.nnfs.layer.Mode;
import org.nnfs.loss.CrossEntropy;
import org.nnfs.loss.Loss;
import org.nnfs.model.Sequential;
import org.nnfs.optim.Optimizer;
import org.nnfs.optim.Parameter;
import org.nnfs.optim.Sgd;
import org.nnfs.tensor.Tensor;

/**
 * Trains a {@link Sequential} with an optimizer and a loss: mini-batch gradient descent over shuffled
 * epochs, with listeners, validation and early stopping.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder(model).optimizer(new Sgd(0.1)).loss(new CrossEntropy()).seed(7).build();
 * History h = trainer.fit(train, FitOptions.builder().epochs(20).batchSize(512).validation(test).build());
 * }</pre>
 *
 * <p>Determinism: the order of epoch {@code e} and its dropout masks depend only on the trainer's seed
 * and {@code e}, so training resumed from a model file saved after epoch {@code e} (weights, optimizer
 * state, epoch count) continues exactly as the uninterrupted run would have. Once its buffers exist, a
 * training step allocates nothing on the Java heap.
 */
public final class Trainer {
    private final Sequential model;
    private final Optimizer optimizer;
    private final Loss loss;
    private final long seed;
    private final History history = new History();
    private int epochsCompleted;

    private Dataset cachedTrain;
    private Batches cachedBatches;
    private Dataset cachedValidation;
    private Evaluator cachedEvaluator;

    private Trainer(Builder b) {
        this.model = b.model;
        this.optimizer = b.optimizer;
        this.loss = b.loss;
        this.seed = b.seed;
    }

    /** Starts a trainer for {@code model}; defaults: SGD 0.01, cross-entropy, seed 1. */
    public static Builder builder(Sequential model) {
        return new Builder(model);
    }

    /** The model being trained. */
    public Sequential model() {
        return model;
    }

    /** The optimizer and its state. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The loss. */
    public Loss loss() {
        return loss;
    }

    /** The seed of shuffling and dropout. */
    public long seed() {
        return seed;
    }

    /** Epochs completed over the trainer's life, including those restored from a model file. */
    public int epochsCompleted() {
        return epochsCompleted;
    }

    /** Every epoch's summary so far. */
    public History history() {
        return history;
    }

    /** Sets the epoch count and history when a model file restores training. */
    public void restoreProgress(int epochsCompleted, List<EpochSummary> epochs) {
        if (epochsCompleted < 0) {
            throw new IllegalArgumentException("epochs completed must be >= 0, got " + epochsCompleted);
        }
        this.epochsCompleted = epochsCompleted;
        history.restore(epochs);
    }

    /**
     * Trains {@code options.epochs()} more epochs on {@code train}. Every example is used each epoch;
     * the last batch may be smaller than the batch size.
     *
     * @throws TrainingDivergedException when a batch's loss is not finite, naming epoch and batch
     * @throws IllegalArgumentException  when the data does not fit the model
     */
    public History fit(Dataset train, FitOptions options) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(options, "options");
        DataChecks.checkFits("training set", model, train);
        Batches batches = batchesFor(train);
        Evaluator validator = options.validation() == null ? null : evaluatorFor(options.validation());

        int n = train.size();
        int batchSize = Math.min(options.batchSize(), n);
        int batchCount = (n + batchSize - 1) / batchSize;
        int[] order = new int[n];
        int[] predicted = new int[batchSize];
        List<TrainingListener> listeners = options.listeners();
        List<Parameter> parameters = model.parameters();
        int first = epochsCompleted + 1;
        int last = epochsCompleted + options.epochs();
        BatchProgress progress = new BatchProgress();
        progress.epochs = last;
        progress.batches = batchCount;
        progress.epochSamples = n;
        history.stopReason("");
        for (int i = 0; i < listeners.size(); i++) {
            listeners.get(i).onStart(this, first, last);
        }
        double best = Double.NaN;
        int stale = 0;
        for (int epoch = first; epoch <= last; epoch++) {
            long epochSeed = mix(seed, epoch);
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            if (options.shuffle()) {
                shuffle(order, new SplittableRandom(epochSeed));
            }
            model.reseed(mix(epochSeed, 1));
            progress.epoch = epoch;
            progress.samples = 0;
            progress.lossSum = 0;
            progress.startNanos = System.nanoTime();
            long correct = 0;
            for (int b = 0; b < batchCount; b++) {
                int offset = b * batchSize;
                int rows = Math.min(batchSize, n - offset);
                Tensor x = batches.features(order, offset, rows);
                Tensor y = batches.targets(order, offset, rows);
                Tensor out = model.forward(x, Mode.TRAINING);
                if (train.hasLabels()) {
                    model.backend().argmaxRows(out, predicted);
                    for (int i = 0; i < rows; i++) {
                        if (predicted[i] == train.label(order[offset + i])) {
                            correct++;
                        }
                    }
                }
                double batchLoss = model.backward(loss, y);
                if (!Double.isFinite(batchLoss)) {
                    throw new TrainingDivergedException(epoch, b + 1, batchCount, batchLoss);
                }
                optimizer.step(parameters);
                progress.batch = b + 1;
                progress.batchLoss = batchLoss;
                progress.samples += rows;
                progress.lossSum += batchLoss * rows;
                progress.nowNanos = System.nanoTime();
                for (int i = 0; i < listeners.size(); i++) {
                    listeners.get(i).onBatch(progress);
                }
            }
            double trainSeconds = (System.nanoTime() - progress.startNanos) / 1e9;
            Evaluation validation = validator == null ? null : validator.evaluate();
            double seconds = (System.nanoTime() - progress.startNanos) / 1e9;
            EpochSummary summary = new EpochSummary(epoch, progress.lossSum / n,
                    train.hasLabels() ? (double) correct / n : Double.NaN,
                    validation == null ? Double.NaN : validation.loss(),
                    validation == null ? Double.NaN : validation.accuracy(),
                    seconds, n / Math.max(trainSeconds, 1e-9));
            epochsCompleted = epoch;
            history.add(summary);
            for (int i = 0; i < listeners.size(); i++) {
                listeners.get(i).onEpoch(summary);
            }
            EarlyStopping stopping = options.earlyStopping();
            if (stopping != null && epoch < last) {
                double value = stopping.metric().of(summary);
                boolean improved = Double.isNaN(best) || (stopping.metric().higherIsBetter()
                        ? value > best + stopping.minDelta() : value < best - stopping.minDelta());
                if (improved) {
                    best = value;
                    stale = 0;
                } else if (++stale >= stopping.patience()) {
                    history.stopReason("early stopping: " + stopping.metric() + " did not improve for "
                            + stopping.patience() + " epochs (best " + best + ")");
                    break;
                }
            }
        }
        for (int i = 0; i < listeners.size(); i++) {
            listeners.get(i).onEnd(history);
        }
        return history;
    }

    /** Evaluates the model on {@code data} with this trainer's loss. */
    public Evaluation evaluate(Dataset data) {
        return evaluatorFor(data).evaluate();
    }

    private Batches batchesFor(Dataset train) {
        if (cachedTrain != train) {
            cachedTrain = train;
            cachedBatches = new Batches(train);
        }
        return cachedBatches;
    }

    private Evaluator evaluatorFor(Dataset data) {
        if (cachedValidation != data) {
            cachedValidation = data;
            cachedEvaluator = new Evaluator(model, data, loss);
        }
        return cachedEvaluator;
    }

    /** Fisher-Yates shuffle. */
    private static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /** A well-mixed seed for stream {@code k} of {@code seed} (the MurmurHash3 finaliser). */
    static long mix(long seed, long k) {
        long z = seed + 0x9E3779B97F4A7C15L * (k + 1);
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB93FE1A85EC3L;
        return z ^ (z >>> 33);
    }

    /** Collects a {@link Trainer}'s settings. */
    public static final class Builder {
        private final Sequential model;
        private Optimizer optimizer = new Sgd(0.01);
        private Loss loss = new CrossEntropy();
        private long seed = 1;

        private Builder(Sequential model) {
            this.model = Objects.requireNonNull(model, "model");
        }

        /** The optimizer (default SGD with learning rate 0.01). */
        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
            return this;
        }

        /** The loss (default cross-entropy, fused with a final softmax). */
        public Builder loss(Loss loss) {
            this.loss = Objects.requireNonNull(loss, "loss");
            return this;
        }

        /** The seed of shuffling and dropout (default 1). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The trainer. */
        public Trainer build() {
            return new Trainer(this);
        }
    }
}
