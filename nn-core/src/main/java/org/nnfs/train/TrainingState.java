package org.nnfs.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

import org.nnfs.loss.Loss;
import org.nnfs.optim.LearningRateSchedule;
import org.nnfs.optim.Optimizer;
import org.nnfs.optim.OptimizerState;
import org.nnfs.optim.ScheduleState;

/**
 * Everything besides the model that training needs to continue exactly where it stopped: the
 * optimizer (its settings) and its state (step count and tensors), the learning-rate schedule and its
 * state, the loss, the gradient clipping, the trainer's seed (from which the order of every epoch, its
 * dropout masks, its batch transforms and the validation split are drawn), the epochs completed with
 * their history, how the run cuts its data into batches, where early stopping stands (with the best
 * epoch's weights) and the application's notes. {@link Trainer#state()} takes one;
 * {@link Trainer#resume} continues from one; model files save and load them
 * ({@code org.nnfs.io.ModelFile}).
 *
 * <p>Tensors (the optimizer's, the best weights) are the trainer's own, not copies: a state describes
 * its trainer until the trainer's next step, so save it before training on.
 *
 * @param optimizer       the optimizer's settings
 * @param optimizerState  its step count (the schedule's position) and state tensors
 * @param schedule        the learning-rate schedule
 * @param scheduleState   what the schedule remembers (plateau counters)
 * @param loss            the training objective
 * @param clipping        the gradient clipping
 * @param seed            the seed of shuffling, dropout, batch transforms and the validation split
 * @param epochsCompleted epochs trained so far, at least 0
 * @param history         the summary of each of those epochs
 * @param batching        how the run cuts its training set into batches; empty before the first epoch (and
 *                        in files of format version 1, which did not record it)
 * @param earlyStopping   where early stopping stands, when the run uses it
 * @param notes           text the application keeps with the run (nn-mnist records its {@code --augment}
 *                        there); the library saves and restores it and reads nothing from it
 */
public record TrainingState(Optimizer optimizer, OptimizerState optimizerState, LearningRateSchedule schedule,
                            ScheduleState scheduleState, Loss loss, GradientClipping clipping, long seed,
                            int epochsCompleted, List<EpochSummary> history, Optional<Batching> batching,
                            Optional<EarlyStoppingState> earlyStopping, Map<String, String> notes) {

    /** Validates the state and copies the history and the notes. */
    public TrainingState {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(optimizerState, "optimizerState");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(scheduleState, "scheduleState");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(clipping, "clipping");
        Objects.requireNonNull(batching, "batching");
        Objects.requireNonNull(earlyStopping, "earlyStopping");
        history = List.copyOf(history);
        notes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(notes));
        if (epochsCompleted < 0) {
            throw new IllegalArgumentException("epochs completed must be >= 0, got " + epochsCompleted);
        }
        schedule.checkState(scheduleState);
    }

    /** The batch size the run trains with, once known. */
    public OptionalInt batchSize() {
        return batching.map(b -> OptionalInt.of(b.batchSize())).orElse(OptionalInt.empty());
    }

    /** The number of training examples the run trains on (holdout included), once known. */
    public OptionalInt trainingSetSize() {
        return batching.map(b -> OptionalInt.of(b.trainingSetSize())).orElse(OptionalInt.empty());
    }
}
