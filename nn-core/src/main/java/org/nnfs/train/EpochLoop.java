package org.nnfs.train;

import java.util.List;

import org.nnfs.data.Dataset;
import org.nnfs.eval.Evaluation;
import org.nnfs.eval.Evaluator;
import org.nnfs.internal.Batches;
import org.nnfs.internal.ClassDecision;
import org.nnfs.layer.Mode;
import org.nnfs.loss.Loss;
import org.nnfs.model.Sequential;
import org.nnfs.optim.Optimizer;
import org.nnfs.optim.OptimizerState;
import org.nnfs.optim.Parameter;
import org.nnfs.tensor.Tensor;

/**
 * The epochs of one {@code fit}: every batch of the shuffled training set through forward, backward
 * and an optimizer step, then validation. Everything a step needs is allocated here, once, so a step
 * allocates nothing.
 *
 * <p>The order of epoch {@code e} and its dropout masks depend only on the trainer's seed and {@code e}
 * ({@link EpochOrder}): that is what makes a resumed run continue exactly.
 */
final class EpochLoop {
    private final Sequential model;
    private final Optimizer optimizer;
    private final OptimizerState optimizerState;
    private final Loss loss;
    private final long seed;
    private final Dataset train;
    private final Batches batches;
    private final Evaluator validator;
    private final boolean shuffle;
    private final List<TrainingListener> listeners;
    private final List<Parameter> parameters;
    private final int batchSize;
    private final int batchCount;
    private final int[] order;
    private final int[] predicted;
    private final ClassDecision decision;
    private final BatchProgress progress = new BatchProgress();

    /**
     * @param validator evaluates the validation set after each epoch, or {@code null}
     * @param lastEpoch the epoch number this fit ends with, unless stopped early (for progress reports)
     */
    EpochLoop(Trainer trainer, Dataset train, Batches batches, Evaluator validator, FitOptions options, int lastEpoch) {
        this.model = trainer.model();
        this.optimizer = trainer.optimizer();
        this.optimizerState = trainer.optimizerState();
        this.loss = trainer.loss();
        this.seed = trainer.seed();
        this.train = train;
        this.batches = batches;
        this.validator = validator;
        this.shuffle = options.shuffle();
        this.listeners = options.listeners();
        this.parameters = model.parameters();
        int n = train.size();
        batchSize = Math.min(options.batchSize(), n);
        batchCount = (n + batchSize - 1) / batchSize;
        order = new int[n];
        predicted = new int[batchSize];
        decision = new ClassDecision(model.backend(), model.head(), Evaluator.DEFAULT_THRESHOLD);
        progress.epochs = lastEpoch;
        progress.batches = batchCount;
        progress.epochSamples = n;
    }

    /**
     * Trains epoch {@code epoch} (1-based, counted over the whole training) and validates.
     *
     * @throws TrainingDivergedException when a batch's loss is not finite
     */
    EpochSummary run(int epoch) {
        int n = train.size();
        EpochOrder.fill(order, seed, epoch, shuffle);
        model.reseed(EpochOrder.layerSeed(seed, epoch));
        progress.epoch = epoch;
        progress.samples = 0;
        progress.lossSum = 0;
        progress.startNanos = System.nanoTime();
        long correct = 0;
        for (int b = 0; b < batchCount; b++) {
            correct += step(epoch, b);
        }
        double trainSeconds = (System.nanoTime() - progress.startNanos) / 1e9;
        Evaluation validation = validator == null ? null : validator.evaluate();
        double seconds = (System.nanoTime() - progress.startNanos) / 1e9;
        return new EpochSummary(epoch, progress.lossSum / n, train.hasLabels() ? (double) correct / n : Double.NaN,
                validation == null ? Double.NaN : validation.loss(),
                validation == null ? Double.NaN : validation.accuracy(),
                seconds, n / Math.max(trainSeconds, 1e-9));
    }

    /** Batch {@code b} of the epoch: forward, backward, one optimizer step; returns how many it got right. */
    private long step(int epoch, int b) {
        int offset = b * batchSize;
        int rows = Math.min(batchSize, train.size() - offset);
        Tensor x = batches.features(order, offset, rows);
        Tensor y = batches.targets(order, offset, rows);
        long correct = 0;
        double batchLoss;
        model.beginTrainingStep(); // inference on other threads waits until the step is whole
        try {
            Tensor out = model.forward(x, Mode.TRAINING);
            if (train.hasLabels()) {
                decision.classes(out, predicted, 0);
                for (int i = 0; i < rows; i++) {
                    if (predicted[i] == train.label(order[offset + i])) {
                        correct++;
                    }
                }
            }
            batchLoss = model.backward(loss, y);
            if (!Double.isFinite(batchLoss)) {
                throw new TrainingDivergedException(epoch, b + 1, batchCount, batchLoss);
            }
            optimizer.step(parameters, optimizerState);
        } finally {
            model.endTrainingStep();
        }
        progress.batch = b + 1;
        progress.batchLoss = batchLoss;
        progress.samples += rows;
        progress.lossSum += batchLoss * rows;
        progress.nowNanos = System.nanoTime();
        for (int i = 0; i < listeners.size(); i++) {
            listeners.get(i).onBatch(progress);
        }
        return correct;
    }
}
