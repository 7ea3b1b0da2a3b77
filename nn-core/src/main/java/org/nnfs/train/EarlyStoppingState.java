package org.nnfs.train;

import java.util.List;
import java.util.Objects;

import org.nnfs.tensor.Tensor;

/**
 * Where an {@link EarlyStopping} rule stands, part of a {@link TrainingState}: its best value so far,
 * the epoch that reached it, the epochs since, whether it has stopped the run, and (when it restores)
 * a copy of the model's tensors from the best epoch.
 *
 * @param rule        the rule being followed
 * @param best        the best value of its metric so far, NaN before the first epoch
 * @param bestEpoch   the 1-based epoch of {@code best}, 0 before the first epoch
 * @param stale       epochs since {@code best}, at least 0
 * @param stopped     whether the rule has ended the run (a later {@code fit} with it trains nothing)
 * @param bestTensors the model's tensors (parameters and buffers, in model order) as of {@code bestEpoch}
 *                    when the rule restores and an epoch has run; otherwise empty. Shared, not copied
 */
public record EarlyStoppingState(EarlyStopping rule, double best, int bestEpoch, int stale, boolean stopped,
                                 List<Tensor> bestTensors) {

    /** Validates the values and copies the list. */
    public EarlyStoppingState {
        Objects.requireNonNull(rule, "rule");
        bestTensors = List.copyOf(bestTensors);
        if (bestEpoch < 0 || stale < 0) {
            throw new IllegalArgumentException("early stopping: best epoch and stale epochs must be >= 0, got "
                    + bestEpoch + " and " + stale);
        }
    }
}
