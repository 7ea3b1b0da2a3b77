package org.nnfs.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

import org.nnfs.data.Dataset;
import org.nnfs.eval.Evaluation;
import org.nnfs.eval.Evaluator;
import org.nnfs.internal.Batches;
import org.nnfs.internal.DataChecks;
import org.nnfs.loss.CrossEntropy;
import org.nnfs.loss.Loss;
import org.nnfs.model.ModelTensor;
import org.nnfs.model.Sequential;
import org.nnfs.optim.Optimizer;
import org.nnfs.optim.OptimizerState;
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
 * and {@code e}, so training resumed from a checkpoint saved after epoch {@code e} (weights, buffers,
 * optimizer state, epoch count) continues exactly as the uninterrupted run would have, given the same
 * batch size and training set (the trainer refuses others). Once its buffers exist, a training step
 * allocates nothing on the Java heap.
 *
 * <pre>{@code
 * ModelFile.save(trainer.checkpoint(), path);                       // after any epoch
 * Trainer again = Trainer.resume(ModelFile.loadCheckpoint(path, backend));
 * }</pre>
 */
public final class Trainer {
    private final Sequential model;
    private final Optimizer optimizer;
    private final OptimizerState optimizerState;
    private final Loss loss;
    private final long seed;
    private final History history;
    private int epochsCompleted;
    private OptionalInt batchSize;
    private OptionalInt trainingSetSize;

    private Dataset cachedTrain;
    private Batches cachedBatches;
    private Dataset cachedValidation;
    private Evaluator cachedEvaluator;

    private Trainer(Sequential model, TrainingState state) {
        this.model = model;
        this.optimizer = state.optimizer();
        this.optimizerState = state.optimizerState();
        this.loss = state.loss();
        this.seed = state.seed();
        this.history = new History(state.history());
        this.epochsCompleted = state.epochsCompleted();
        this.batchSize = state.batchSize();
        this.trainingSetSize = state.trainingSetSize();
        optimizer.checkState(parameterValues(model), optimizerState);
    }

    /** Starts a trainer for {@code model}; defaults: SGD 0.01, cross-entropy, seed 1. */
    public static Builder builder(Sequential model) {
        return new Builder(model);
    }

    /**
     * A trainer that continues the training saved in {@code checkpoint}: its model, optimizer state,
     * progress and history.
     *
     * @throws IllegalArgumentException when the checkpoint holds a model without training state, or a
     *                                  state that does not fit the model
     */
    public static Trainer resume(Checkpoint checkpoint) {
        TrainingState state = checkpoint.training().orElseThrow(() -> new IllegalArgumentException(
                "the checkpoint holds a model without training state (it was saved on its own), so training "
                        + "cannot resume from it; start a new trainer with Trainer.builder(model)"));
        return resume(checkpoint.model(), state);
    }

    /**
     * A trainer that continues {@code state} on {@code model}, taking over the state's tensors (no copy:
     * one trainer per state).
     *
     * @throws IllegalArgumentException when the optimizer state does not fit the model's parameters
     */
    public static Trainer resume(Sequential model, TrainingState state) {
        return new Trainer(Objects.requireNonNull(model, "model"), Objects.requireNonNull(state, "state"));
    }

    private static List<Tensor> parameterValues(Sequential model) {
        List<Tensor> values = new ArrayList<>();
        for (ModelTensor t : model.tensors()) {
            if (t.isParameter()) {
                values.add(t.value());
            }
        }
        return values;
    }

    /** The model being trained. */
    public Sequential model() {
        return model;
    }

    /** The optimizer's settings. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The optimizer's step count and state tensors (live). */
    public OptimizerState optimizerState() {
        return optimizerState;
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

    /** The batch size this run trains with, once its first epoch has run (or its checkpoint recorded one). */
    public OptionalInt batchSize() {
        return batchSize;
    }

    /** The number of training examples this run trains on, known like {@link #batchSize()}. */
    public OptionalInt trainingSetSize() {
        return trainingSetSize;
    }

    /**
     * The state that continues this training: what {@link #checkpoint()} saves. It shares the trainer's
     * optimizer tensors, so it describes the trainer until its next step.
     */
    public TrainingState state() {
        return new TrainingState(optimizer, optimizerState.snapshot(), loss, seed, epochsCompleted, history.epochs(),
                batchSize, trainingSetSize);
    }

    /** The model with {@link #state()}: save it with {@code ModelFile.save(Checkpoint, Path)} to resume later. */
    public Checkpoint checkpoint() {
        return Checkpoint.of(model, state());
    }

    /**
     * Trains {@code options.epochs()} more epochs on {@code train}. Every example is used each epoch;
     * the last batch may be smaller than the batch size.
     *
     * @throws TrainingDivergedException when a batch's loss is not finite, naming epoch and batch
     * @throws IllegalArgumentException  when the data does not fit the model, when this training ran with
     *                                   another batch size or training-set size (naming both), or when the
     *                                   epochs would pass {@code Integer.MAX_VALUE} in all
     */
    public History fit(Dataset train, FitOptions options) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(options, "options");
        DataChecks.checkFits("training set", model, train);
        checkSameRun(options.batchSize(), train.size());
        Evaluator validator = options.validation() == null ? null : evaluatorFor(options.validation());
        if (options.epochs() > Integer.MAX_VALUE - epochsCompleted) {
            throw new IllegalArgumentException("this training has completed " + epochsCompleted + " epochs; "
                    + options.epochs() + " more would pass " + Integer.MAX_VALUE + ", the most it can count");
        }
        int first = epochsCompleted + 1;
        int last = epochsCompleted + options.epochs();
        EpochLoop epochs = new EpochLoop(this, train, batchesFor(train), validator, options, last);
        EarlyStoppingTracker stopping = new EarlyStoppingTracker(options.earlyStopping());
        List<TrainingListener> listeners = options.listeners();
        history.stopReason("");
        for (int i = 0; i < listeners.size(); i++) {
            listeners.get(i).onStart(this, first, last);
        }
        for (int k = 0; k < options.epochs(); k++) { // counted from 0: first + k never passes last, even at the limit
            int epoch = first + k;
            EpochSummary summary = epochs.run(epoch);
            epochsCompleted = epoch;
            batchSize = OptionalInt.of(options.batchSize());
            trainingSetSize = OptionalInt.of(train.size());
            history.add(summary);
            for (int i = 0; i < listeners.size(); i++) {
                listeners.get(i).onEpoch(summary);
            }
            if (epoch < last && stopping.shouldStop(summary)) {
                history.stopReason(stopping.reason());
                break;
            }
        }
        for (int i = 0; i < listeners.size(); i++) {
            listeners.get(i).onEnd(history);
        }
        return history;
    }

    /**
     * Refuses to continue a run with another batch size or training set: the order of examples and
     * hence the weights would differ from the run's, so "resumed" would not mean "the same run".
     */
    private void checkSameRun(int newBatchSize, int newTrainingSetSize) {
        if (batchSize.isPresent() && batchSize.getAsInt() != newBatchSize) {
            throw new IllegalArgumentException("this training ran with batch size " + batchSize.getAsInt()
                    + "; continuing it with batch size " + newBatchSize + " would not continue the same run "
                    + "(start a new trainer to train with another batch size)");
        }
        if (trainingSetSize.isPresent() && trainingSetSize.getAsInt() != newTrainingSetSize) {
            throw new IllegalArgumentException("this training ran on " + trainingSetSize.getAsInt()
                    + " training examples; continuing it on " + newTrainingSetSize + " would not continue the same run "
                    + "(start a new trainer to train on another training set)");
        }
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

    /** Collects a {@link Trainer}'s settings. */
    public static final class Builder {
        private final Sequential model;
        private Optimizer optimizer = new Sgd(0.01);
        private Loss loss = new CrossEntropy();
        private boolean lossChosen;
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
            this.lossChosen = true;
            return this;
        }

        /** The seed of shuffling and dropout (default 1). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * The trainer, with a fresh optimizer state (zeros, step 0) and no progress.
         *
         * @throws IllegalArgumentException when the loss does not fit how the model ends (e.g.
         *                                  cross-entropy on logits), naming the pairing that fits
         */
        public Trainer build() {
            try {
                loss.checkHead(model.head());
            } catch (IllegalArgumentException e) {
                throw lossChosen ? e : new IllegalArgumentException(e.getMessage() + " (cross_entropy is the "
                        + "default loss; choose another with Trainer.builder(model).loss(...))", e);
            }
            OptimizerState state = optimizer.newState(parameterValues(model));
            return new Trainer(model, new TrainingState(optimizer, state, loss, seed, 0, List.of(), OptionalInt.empty(),
                    OptionalInt.empty()));
        }
    }
}
