package org.nnfs.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.nnfs.model.ModelTensor;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Tensor;

/**
 * Follows one {@link EarlyStopping} rule over the epochs of a run: the best value of the metric so far,
 * the epochs since it last improved, and, when the rule restores, a copy of the model's tensors from the
 * best epoch (allocated at the first improvement, then overwritten in place).
 */
final class EarlyStoppingTracker {
    private final EarlyStopping rule;
    private final Sequential model;
    private double best;
    private int bestEpoch;
    private int stale;
    private boolean stopped;
    private List<Tensor> bestTensors;

    private EarlyStoppingTracker(EarlyStopping rule, Sequential model, double best, int bestEpoch, int stale,
                                 boolean stopped, List<Tensor> bestTensors) {
        this.rule = rule;
        this.model = model;
        this.best = best;
        this.bestEpoch = bestEpoch;
        this.stale = stale;
        this.stopped = stopped;
        this.bestTensors = bestTensors;
    }

    /**
     * A tracker of {@code rule} that continues {@code saved} when it followed the same rule, and starts
     * afresh otherwise.
     */
    static EarlyStoppingTracker continuing(EarlyStopping rule, Optional<EarlyStoppingState> saved, Sequential model) {
        if (saved.isPresent() && saved.get().rule().equals(rule)) {
            EarlyStoppingState s = saved.get();
            return new EarlyStoppingTracker(rule, model, s.best(), s.bestEpoch(), s.stale(), s.stopped(),
                    s.bestTensors());
        }
        return new EarlyStoppingTracker(rule, model, Double.NaN, 0, 0, false, List.of());
    }

    /** Whether the rule has ended the run. */
    boolean stopped() {
        return stopped;
    }

    /**
     * Takes the epoch's summary: records an improvement (copying the weights when the rule restores) or
     * counts a stale epoch, and decides whether to stop.
     *
     * @return true when the rule stops the run after this epoch
     */
    boolean update(EpochSummary summary) {
        double value = rule.metric().of(summary);
        boolean improved = Double.isNaN(best) || (rule.metric().higherIsBetter()
                ? value > best + rule.minDelta() : value < best - rule.minDelta());
        if (improved) {
            best = value;
            bestEpoch = summary.epoch();
            stale = 0;
            if (rule.restoreBest()) {
                keepWeights();
            }
            return false;
        }
        stopped = ++stale >= rule.patience();
        return stopped;
    }

    /** Puts the best epoch's weights back into the model, if the rule restores and an epoch improved. */
    void restoreBest() {
        if (!rule.restoreBest() || bestTensors.isEmpty()) {
            return;
        }
        List<ModelTensor> tensors = model.tensors();
        for (int i = 0; i < tensors.size(); i++) {
            model.backend().copy(bestTensors.get(i), tensors.get(i).value());
        }
    }

    private void keepWeights() {
        List<ModelTensor> tensors = model.tensors();
        if (bestTensors.isEmpty()) {
            List<Tensor> copies = new ArrayList<>(tensors.size());
            for (ModelTensor t : tensors) {
                copies.add(model.backend().zeros(t.value().rows(), t.value().cols(), t.value().dtype()));
            }
            bestTensors = List.copyOf(copies);
        }
        for (int i = 0; i < tensors.size(); i++) {
            model.backend().copy(tensors.get(i).value(), bestTensors.get(i));
        }
    }

    /** The state as of now, sharing the copy of the best weights. */
    EarlyStoppingState state() {
        return new EarlyStoppingState(rule, best, bestEpoch, stale, stopped, bestTensors);
    }

    /** Why the run stopped, once {@link #stopped()}. */
    String reason() {
        return String.format(Locale.ROOT, "early stopping: %s did not improve for %d epoch%s (best %.6g at epoch %d%s)",
                rule.metric().label().replace('_', ' '), rule.patience(), rule.patience() == 1 ? "" : "s", best, bestEpoch,
                rule.restoreBest() && !bestTensors.isEmpty() ? ", whose weights the model now holds" : "");
    }
}
