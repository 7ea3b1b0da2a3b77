package org.nnfs.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
import org.nnfs.optim.LearningRateSchedule;
import org.nnfs.optim.Optimizer;
import org.nnfs.optim.OptimizerState;
import org.nnfs.optim.ScheduleState;
import org.nnfs.optim.Sgd;
import org.nnfs.tensor.Tensor;

/**
 * Trains a {@link Sequential} with an optimizer and a loss: mini-batch gradient descent over shuffled
 * epochs, with a learning-rate schedule, gradient clipping, validation (a separate set or a held-out
 * split), early stopping, batch transforms and listeners.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder(model).optimizer(new AdamW(1e-3)).schedule(new CosineSchedule(20, 0, 2))
 *         .clipping(GradientClipping.byNorm(1.0)).seed(7).build();
 * History h = trainer.fit(train, FitOptions.builder().epochs(20).batchSize(128).validationSplit(0.1)
 *         .earlyStopping(EarlyStopping.onValidationLoss(3)).build());
 * }</pre>
 *
 * <p>Determinism: the order of epoch {@code e}, its dropout masks and its batch transforms depend only on
 * the trainer's seed and {@code e}, and so does the validation split; everything else that changes
 * while training (weights, buffers, optimizer and schedule state, early-stopping progress and its best
 * weights) is in the {@linkplain #checkpoint() checkpoint}. So training resumed from a checkpoint saved
 * after epoch {@code e} continues exactly as the uninterrupted run would have, given the same batching
 * (the trainer refuses other batching). Once its buffers exist, a training step allocates nothing on the
 * Java heap.
 *
 * <pre>{@code
 * ModelFile.save(trainer.checkpoint(), path);                       // after any epoch
 * Trainer again = Trainer.resume(ModelFile.loadCheckpoint(path, backend));
 * }</pre>
 *
 * <p>Divergence (a non-finite loss or weight, or a loss that stays far above a uniform guess's) stops
 * {@code fit} with a {@link TrainingDivergedException} before the epoch is counted or reported.
 */
public final class Trainer {
    /** The stream of the trainer's seed the validation split is drawn from. */
    private static final long SPLIT_STREAM = -1;

    private final Sequential model;
    private final Optimizer optimizer;
    private final OptimizerState optimizerState;
    private final LearningRateSchedule schedule;
    private final ScheduleState scheduleState;
    private final Loss loss;
    private final GradientClipping clipping;
    private final long seed;
    private final History history;
    private final Map<String, String> notes;
    private int epochsCompleted;
    private Optional<Batching> batching;
    private Optional<EarlyStoppingState> earlyStopping;
    private EarlyStoppingTracker tracker;
    private volatile String stopRequest;

    private Dataset cachedTrain;
    private Batches cachedBatches;
    private Dataset cachedValidation;
    private Evaluator cachedEvaluator;
    private double cachedSplitFraction;
    private HoldoutSplit cachedSplit;
    private Dataset cachedHoldout;

    private Trainer(Sequential model, TrainingState state) {
        this.model = model;
        this.optimizer = state.optimizer();
        this.optimizerState = state.optimizerState();
        this.schedule = state.schedule();
        this.scheduleState = state.scheduleState();
        this.loss = state.loss();
        this.clipping = state.clipping();
        this.seed = state.seed();
        this.history = new History(state.history());
        this.notes = state.notes();
        this.epochsCompleted = state.epochsCompleted();
        this.batching = state.batching();
        this.earlyStopping = state.earlyStopping();
        optimizer.checkState(parameterValues(model), optimizerState);
        earlyStopping.ifPresent(s -> checkBestTensors(model, s));
    }

    /** Starts a trainer for {@code model}; defaults: SGD 0.01, constant rate, cross-entropy, seed 1. */
    public static Builder builder(Sequential model) {
        return new Builder(model);
    }

    /**
     * A trainer that continues the training saved in {@code checkpoint}: its model, optimizer and schedule
     * state, progress, history and early-stopping progress.
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
     * @throws IllegalArgumentException when the optimizer state or the best weights do not fit the model
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

    private static void checkBestTensors(Sequential model, EarlyStoppingState state) {
        List<Tensor> best = state.bestTensors();
        List<ModelTensor> tensors = model.tensors();
        if (best.isEmpty()) {
            return;
        }
        if (best.size() != tensors.size()) {
            throw new IllegalArgumentException("early stopping keeps " + best.size() + " best tensors, but the model has "
                    + tensors.size());
        }
        for (int i = 0; i < best.size(); i++) {
            Tensor b = best.get(i);
            Tensor v = tensors.get(i).value();
            if (!b.hasShape(v.rows(), v.cols()) || b.dtype() != v.dtype() || b.backend() != v.backend()) {
                throw new IllegalArgumentException("best tensor " + i + " is a " + b + " but its model tensor "
                        + tensors.get(i).name() + " is a " + v);
            }
        }
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

    /** The learning-rate schedule. */
    public LearningRateSchedule schedule() {
        return schedule;
    }

    /** What the schedule remembers (live). */
    public ScheduleState scheduleState() {
        return scheduleState;
    }

    /** The loss. */
    public Loss loss() {
        return loss;
    }

    /** The gradient clipping. */
    public GradientClipping clipping() {
        return clipping;
    }

    /** The seed of shuffling, dropout, batch transforms and the validation split. */
    public long seed() {
        return seed;
    }

    /** The application's notes kept with the run (see {@link TrainingState#notes()}). */
    public Map<String, String> notes() {
        return notes;
    }

    /** Epochs completed over the trainer's life, including those restored from a model file. */
    public int epochsCompleted() {
        return epochsCompleted;
    }

    /** Every epoch's summary so far. */
    public History history() {
        return history;
    }

    /** How this run cuts its data into batches, once its first epoch has run (or its checkpoint recorded it). */
    public Optional<Batching> batching() {
        return batching;
    }

    /** The batch size this run trains with, known like {@link #batching()}. */
    public OptionalInt batchSize() {
        return batching.map(b -> OptionalInt.of(b.batchSize())).orElse(OptionalInt.empty());
    }

    /** The number of training examples this run trains on (holdout included), known like {@link #batching()}. */
    public OptionalInt trainingSetSize() {
        return batching.map(b -> OptionalInt.of(b.trainingSetSize())).orElse(OptionalInt.empty());
    }

    /** Where early stopping stands, when the run uses it. */
    public Optional<EarlyStoppingState> earlyStopping() {
        return earlyStopping;
    }

    /**
     * The state that continues this training: what {@link #checkpoint()} saves. It shares the trainer's
     * tensors, so it describes the trainer until its next step.
     */
    public TrainingState state() {
        return new TrainingState(optimizer, optimizerState.snapshot(), schedule, scheduleState.snapshot(), loss,
                clipping, seed, epochsCompleted, history.epochs(), batching, earlyStopping(), notes);
    }

    /** The model with {@link #state()}: save it with {@code ModelFile.save(Checkpoint, Path)} to resume later. */
    public Checkpoint checkpoint() {
        return Checkpoint.of(model, state());
    }

    /**
     * Asks the running {@link #fit} to stop once the current epoch is complete (its listeners included),
     * e.g. from a {@link TrainingListener}; {@link History#stopReason()} then says {@code reason}. Safe to
     * call from any thread. The request is not saved: a later {@code fit} trains on.
     */
    public void requestStop(String reason) {
        stopRequest = Objects.requireNonNull(reason, "reason");
    }

    /**
     * Trains {@code options.epochs()} more epochs on {@code train}, or fewer when early stopping or a
     * listener stops it. With early stopping that restores, the model ends the call with its best epoch's
     * weights; a call continuing a run that early stopping has already ended trains nothing.
     *
     * @throws TrainingDivergedException when training diverges, naming what and where
     * @throws IllegalArgumentException  when the data does not fit the model, when the schedule needs a
     *                                   validation set that is not given, or when this training ran with
     *                                   other batching (naming both), or when the epochs would pass
     *                                   {@code Integer.MAX_VALUE} in all
     */
    public History fit(Dataset train, FitOptions options) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(options, "options");
        DataChecks.checkFits("training set", model, train);
        if (options.epochs() > Integer.MAX_VALUE - epochsCompleted) {
            throw new IllegalArgumentException("this training has completed " + epochsCompleted + " epochs; "
                    + options.epochs() + " more would pass " + Integer.MAX_VALUE + ", the most it can count");
        }
        if (schedule.needsValidation() && !options.validates()) {
            throw new IllegalArgumentException("the " + schedule.type() + " schedule needs a validation set or split "
                    + "(FitOptions.Builder.validation or validationSplit)");
        }
        Batching requested = new Batching(options.batchSize(), train.size(), options.validationSplit(),
                options.partialBatch());
        checkSameRun(requested);
        int[] rows;
        Evaluator validator;
        if (options.validationSplit() > 0) {
            HoldoutSplit split = splitFor(train, options.validationSplit());
            rows = split.training();
            validator = evaluatorFor(cachedHoldout);
        } else {
            rows = Batches.identity(train.size());
            validator = options.validation() == null ? null : evaluatorFor(options.validation());
        }
        int first = epochsCompleted + 1;
        int last = epochsCompleted + options.epochs();
        tracker = options.earlyStopping() == null ? null
                : EarlyStoppingTracker.continuing(options.earlyStopping(), earlyStopping, model);
        if (tracker != null) {
            earlyStopping = Optional.of(tracker.state());
        }
        stopRequest = null;
        history.stopReason("");
        List<TrainingListener> listeners = options.listeners();
        for (int i = 0; i < listeners.size(); i++) {
            listeners.get(i).onStart(this, first, last);
        }
        if (tracker != null && tracker.stopped()) {
            history.stopReason(tracker.reason());
        } else {
            EpochLoop epochs = new EpochLoop(this, train, rows, batchesFor(train), validator, options, last);
            for (int k = 0; k < options.epochs(); k++) { // from 0: first + k never passes last, even at the limit
                int epoch = first + k;
                if (runEpoch(epochs, epoch, epoch == last, requested, listeners)) {
                    break;
                }
            }
        }
        for (int i = 0; i < listeners.size(); i++) {
            listeners.get(i).onEnd(history);
        }
        return history;
    }

    /**
     * One epoch and its bookkeeping, all of it before the listeners see the epoch (so a checkpoint they
     * take holds it): progress, history, the schedule's feedback, early stopping and, at the end of the
     * fit, the best weights. Returns whether the fit stops here.
     */
    private boolean runEpoch(EpochLoop epochs, int epoch, boolean lastOfFit, Batching requested,
                             List<TrainingListener> listeners) {
        EpochSummary summary = epochs.run(epoch);
        epochsCompleted = epoch;
        batching = Optional.of(requested);
        history.add(summary);
        schedule.epochEnded(epoch, summary.validationLoss(), scheduleState);
        boolean stop = false;
        if (tracker != null) {
            stop = tracker.update(summary);
            if (stop || lastOfFit) {
                tracker.restoreBest();
            }
            earlyStopping = Optional.of(tracker.state());
        }
        for (int i = 0; i < listeners.size(); i++) {
            listeners.get(i).onEpoch(summary);
        }
        if (stop) {
            history.stopReason(tracker.reason());
        } else if (stopRequest != null) {
            history.stopReason(stopRequest);
            stop = true;
        }
        return stop;
    }

    /**
     * Refuses to continue a run with other batching: the examples visited and their order, hence the
     * weights, would differ from the run's, so "resumed" would not mean "the same run".
     */
    private void checkSameRun(Batching requested) {
        if (batching.isEmpty()) {
            return;
        }
        Batching run = batching.get();
        String change = null;
        if (run.batchSize() != requested.batchSize()) {
            change = "ran with batch size " + run.batchSize() + "; continuing it with batch size "
                    + requested.batchSize();
        } else if (run.trainingSetSize() != requested.trainingSetSize()) {
            change = "ran on " + run.trainingSetSize() + " training examples; continuing it on "
                    + requested.trainingSetSize();
        } else if (run.validationSplit() != requested.validationSplit()) {
            change = "held out a validation split of " + run.validationSplit() + "; continuing it with "
                    + requested.validationSplit();
        } else if (run.partialBatch() != requested.partialBatch()) {
            change = "ran with partial batches " + run.partialBatch().label() + "; continuing it with "
                    + requested.partialBatch().label();
        }
        if (change != null) {
            throw new IllegalArgumentException("this training " + change + " would not continue the same run "
                    + "(start a new trainer to train differently)");
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

    /** The split of {@code train} for {@code fraction}, with its holdout gathered once. */
    private HoldoutSplit splitFor(Dataset train, double fraction) {
        if (cachedSplit == null || cachedTrain != train || cachedSplitFraction != fraction) {
            batchesFor(train);
            cachedSplit = HoldoutSplit.of(train.size(), fraction, EpochOrder.mix(seed, SPLIT_STREAM));
            cachedSplitFraction = fraction;
            cachedHoldout = train.subset(cachedSplit.holdout());
        }
        return cachedSplit;
    }

    /** Collects a {@link Trainer}'s settings. */
    public static final class Builder {
        private final Sequential model;
        private Optimizer optimizer = new Sgd(0.01);
        private LearningRateSchedule schedule = LearningRateSchedule.constant();
        private Loss loss = new CrossEntropy();
        private boolean lossChosen;
        private GradientClipping clipping = GradientClipping.none();
        private long seed = 1;
        private final Map<String, String> notes = new LinkedHashMap<>();

        private Builder(Sequential model) {
            this.model = Objects.requireNonNull(model, "model");
        }

        /** The optimizer (default SGD with learning rate 0.01). */
        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
            return this;
        }

        /** The learning-rate schedule over the optimizer's rate (default constant). */
        public Builder schedule(LearningRateSchedule schedule) {
            this.schedule = Objects.requireNonNull(schedule, "schedule");
            return this;
        }

        /** The loss (default cross-entropy, fused with a final softmax). */
        public Builder loss(Loss loss) {
            this.loss = Objects.requireNonNull(loss, "loss");
            this.lossChosen = true;
            return this;
        }

        /** How gradients are bounded before each step (default none). */
        public Builder clipping(GradientClipping clipping) {
            this.clipping = Objects.requireNonNull(clipping, "clipping");
            return this;
        }

        /** The seed of shuffling, dropout, batch transforms and the validation split (default 1). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Text to keep with the run, saved in checkpoints (see {@link TrainingState#notes()}). */
        public Builder note(String key, String value) {
            notes.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * The trainer, with fresh optimizer and schedule states and no progress.
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
            return new Trainer(model, new TrainingState(optimizer, state, schedule,
                    schedule.newState(optimizer.learningRate()), loss, clipping, seed, 0, List.of(), Optional.empty(),
                    Optional.empty(), notes));
        }
    }
}
