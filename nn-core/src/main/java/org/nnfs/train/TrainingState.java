package org.nnfs.train;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

import org.nnfs.loss.Loss;
import org.nnfs.optim.Optimizer;
import org.nnfs.optim.OptimizerState;

/**
 * Everything besides the model that training needs to continue exactly where it stopped: the
 * optimizer (its settings) and its state (step count and tensors), the loss, the trainer's seed, the
 * epochs completed with their history, and the batch size and training-set size the run used.
 * {@link Trainer#state()} takes one; {@link Trainer#resume} continues from one; model files save and
 * load them ({@code org.nnfs.io.ModelFile}).
 *
 * <p>The optimizer state's tensors are the trainer's own, not copies: a state describes its trainer
 * until the trainer's next step, so save it before training on.
 *
 * @param optimizer       the optimizer's settings
 * @param optimizerState  its step count and state tensors
 * @param loss            the training objective
 * @param seed            the seed of shuffling and dropout
 * @param epochsCompleted epochs trained so far, at least 0
 * @param history         the summary of each of those epochs
 * @param batchSize       the batch size the run trains with; empty before the first epoch (and in files
 *                        of format version 1, which did not record it)
 * @param trainingSetSize the number of training examples the run trains on; empty like {@code batchSize}
 */
public record TrainingState(Optimizer optimizer, OptimizerState optimizerState, Loss loss, long seed,
                            int epochsCompleted, List<EpochSummary> history, OptionalInt batchSize,
                            OptionalInt trainingSetSize) {

    /** Validates the state and copies the history. */
    public TrainingState {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(optimizerState, "optimizerState");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(batchSize, "batchSize");
        Objects.requireNonNull(trainingSetSize, "trainingSetSize");
        history = List.copyOf(history);
        if (epochsCompleted < 0) {
            throw new IllegalArgumentException("epochs completed must be >= 0, got " + epochsCompleted);
        }
        if (batchSize.isPresent() && batchSize.getAsInt() < 1
                || trainingSetSize.isPresent() && trainingSetSize.getAsInt() < 1) {
            throw new IllegalArgumentException("batch size and training-set size must be at least 1, got " + batchSize
                    + " and " + trainingSetSize);
        }
    }
}
