package org.nnfs.train;

import java.util.List;
import java.util.SplittableRandom;

import org.nnfs.data.Dataset;
import org.nnfs.eval.Evaluation;
import org.nnfs.eval.Evaluator;
import org.nnfs.internal.Batches;
import org.nnfs.internal.ClassDecision;
import org.nnfs.layer.Mode;
import org.nnfs.loss.Loss;
import org.nnfs.model.Sequential;
import org.nnfs.optim.LearningRateSchedule;
import org.nnfs.optim.Optimizer;
import org.nnfs.optim.OptimizerState;
import org.nnfs.optim.Parameter;
import org.nnfs.optim.ScheduleState;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;

/**
 * The epochs of one {@code fit}: every batch of the shuffled training rows through an optional batch
 * transform, forward, backward, gradient scaling and clipping, and an optimizer step at the schedule's
 * rate; then the divergence checks and validation. Everything a step needs is allocated here, once, so
 * a step allocates nothing.
 *
 * <p>The order of epoch {@code e}, its dropout masks and its batch transforms depend only on the
 * trainer's seed and {@code e} ({@link EpochOrder}): that is what makes a resumed run continue exactly.
 */
final class EpochLoop {
    private final Trainer trainer;
    private final Sequential model;
    private final Backend backend;
    private final Optimizer optimizer;
    private final OptimizerState optimizerState;
    private final LearningRateSchedule schedule;
    private final ScheduleState scheduleState;
    private final Loss loss;
    private final long seed;
    private final Dataset train;
    private final int[] rows;
    private final Batches batches;
    private final Evaluator validator;
    private final boolean shuffle;
    private final PartialBatch partialBatch;
    private final BatchTransform transform;
    private final List<TrainingListener> listeners;
    private final List<Parameter> parameters;
    private final GradientClipper clipper;
    private final DivergenceGuard divergence;
    private final int batchSize;
    private final int batchCount;
    private final int epochSamples;
    private final int[] order;
    private final int[] predicted;
    private final ClassDecision decision;
    private final float[] hostFloats;
    private final double[] hostDoubles;
    private final BatchProgress progress = new BatchProgress();

    /**
     * @param rows      the rows of {@code train} to train on (all of them, or those a validation split leaves)
     * @param validator evaluates the validation set after each epoch, or {@code null}
     * @param lastEpoch the epoch number this fit ends with, unless stopped early (for progress reports)
     */
    EpochLoop(Trainer trainer, Dataset train, int[] rows, Batches batches, Evaluator validator, FitOptions options,
              int lastEpoch) {
        this.trainer = trainer;
        this.model = trainer.model();
        this.backend = model.backend();
        this.optimizer = trainer.optimizer();
        this.optimizerState = trainer.optimizerState();
        this.schedule = trainer.schedule();
        this.scheduleState = trainer.scheduleState();
        this.loss = trainer.loss();
        this.seed = trainer.seed();
        this.train = train;
        this.rows = rows;
        this.batches = batches;
        this.validator = validator;
        this.shuffle = options.shuffle();
        this.partialBatch = options.partialBatch();
        this.transform = options.batchTransform();
        this.listeners = options.listeners();
        this.parameters = model.parameters();
        this.clipper = new GradientClipper(trainer.clipping(), parameters);
        int n = rows.length;
        batchSize = Math.min(options.batchSize(), n);
        batchCount = batchCount(n, options.batchSize(), partialBatch);
        epochSamples = partialBatch == PartialBatch.DROP ? batchCount * batchSize : n;
        this.divergence = new DivergenceGuard(model, batchCount, train.hasLabels() ? train.classes() : 0);
        order = new int[n];
        predicted = new int[batchSize];
        decision = new ClassDecision(backend, model.head(), Evaluator.DEFAULT_THRESHOLD);
        boolean floats = model.dtype() == DType.FLOAT32;
        hostFloats = transform != null && floats ? new float[batchSize * train.inputSize()] : null;
        hostDoubles = transform != null && !floats ? new double[batchSize * train.inputSize()] : null;
        progress.epochs = lastEpoch;
        progress.batches = batchCount;
        progress.epochSamples = epochSamples;
    }

    /**
     * Batches per epoch for {@code n} training rows: a batch size larger than the data trains on it all at
     * once; otherwise a partial last batch counts unless it is dropped.
     */
    static int batchCount(int n, int batchSize, PartialBatch partialBatch) {
        int size = Math.min(batchSize, n);
        return partialBatch == PartialBatch.DROP ? n / size : (n + size - 1) / size;
    }

    /**
     * Trains epoch {@code epoch} (1-based, counted over the whole training) and validates.
     *
     * @throws TrainingDivergedException when a batch's loss, the weights after the epoch or the validation
     *                                   loss are not finite, or the loss stays far above a uniform guess's
     */
    EpochSummary run(int epoch) {
        EpochOrder.fill(order, seed, epoch, shuffle);
        for (int i = 0; i < order.length; i++) {
            order[i] = rows[order[i]]; // positions in the training rows to rows of the dataset
        }
        model.reseed(EpochOrder.layerSeed(seed, epoch));
        SplittableRandom transformRandom = transform == null ? null
                : new SplittableRandom(EpochOrder.transformSeed(seed, epoch));
        progress.epoch = epoch;
        progress.samples = 0;
        progress.lossSum = 0;
        progress.startNanos = System.nanoTime();
        divergence.startEpoch();
        long correct = 0;
        for (int b = 0; b < batchCount; b++) {
            correct += step(epoch, b, transformRandom);
        }
        EpochSummary previous = trainer.history().last();
        divergence.checkEpoch(epoch, previous == null ? Double.NaN : previous.trainLoss());
        double trainSeconds = (System.nanoTime() - progress.startNanos) / 1e9;
        Evaluation validation = validator == null ? null : validator.evaluate();
        divergence.checkValidation(epoch, validation == null ? Double.NaN : validation.loss(), validation != null);
        double seconds = (System.nanoTime() - progress.startNanos) / 1e9;
        return new EpochSummary(epoch, progress.lossSum / epochSamples,
                train.hasLabels() ? (double) correct / epochSamples : Double.NaN,
                validation == null ? Double.NaN : validation.loss(),
                validation == null ? Double.NaN : validation.accuracy(),
                seconds, epochSamples / Math.max(trainSeconds, 1e-9));
    }

    /** Batch {@code b} of the epoch: forward, backward, one optimizer step; returns how many it got right. */
    private long step(int epoch, int b, SplittableRandom transformRandom) {
        int offset = b * batchSize;
        int n = Math.min(batchSize, order.length - offset);
        Tensor x = batches.features(order, offset, n);
        if (transform != null) {
            transform(x, n, transformRandom);
        }
        Tensor y = batches.targets(order, offset, n);
        long correct = 0;
        double batchLoss;
        double rate;
        model.beginTrainingStep(); // inference on other threads waits until the step is whole
        try {
            Tensor out = model.forward(x, Mode.TRAINING);
            if (train.hasLabels()) {
                decision.classes(out, predicted, 0);
                for (int i = 0; i < n; i++) {
                    if (predicted[i] == train.label(order[offset + i])) {
                        correct++;
                    }
                }
            }
            batchLoss = model.backward(loss, y);
            divergence.checkBatch(epoch, b, batchLoss);
            if (n < batchSize && partialBatch == PartialBatch.SCALE) {
                double share = (double) n / batchSize;
                for (int i = 0; i < parameters.size(); i++) {
                    Tensor g = parameters.get(i).grad();
                    backend.scale(share, g, g);
                }
            }
            clipper.clip();
            rate = schedule.learningRate(optimizer.learningRate(), optimizerState.steps() + 1, batchCount,
                    scheduleState);
            optimizer.step(parameters, optimizerState, rate);
        } finally {
            model.endTrainingStep();
        }
        progress.batch = b + 1;
        progress.batchLoss = batchLoss;
        progress.learningRate = rate;
        progress.samples += n;
        progress.lossSum += batchLoss * n;
        progress.nowNanos = System.nanoTime();
        for (int i = 0; i < listeners.size(); i++) {
            listeners.get(i).onBatch(progress);
        }
        return correct;
    }

    /** Runs the batch transform on a host copy of {@code x}'s {@code n} rows and uploads the result. */
    private void transform(Tensor x, int n, SplittableRandom random) {
        if (hostFloats != null) {
            backend.copyTo(x, hostFloats);
            transform.apply(hostFloats, n, x.cols(), random);
            backend.copyFrom(hostFloats, x);
        } else {
            backend.copyTo(x, hostDoubles);
            transform.apply(hostDoubles, n, x.cols(), random);
            backend.copyFrom(hostDoubles, x);
        }
    }
}
