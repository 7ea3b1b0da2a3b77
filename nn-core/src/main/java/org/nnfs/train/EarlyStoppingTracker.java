package org.nnfs.train;

/**
 * Follows one {@link EarlyStopping} rule over the epochs of a {@code fit}: the best value of the
 * metric so far and the epochs since it last improved.
 */
final class EarlyStoppingTracker {
    private final EarlyStopping rule;
    private double best = Double.NaN;
    private int stale;

    /** A tracker of {@code rule}; {@code null}: never stops. */
    EarlyStoppingTracker(EarlyStopping rule) {
        this.rule = rule;
    }

    /** Takes the epoch's summary; true when the metric has not improved for {@code patience} epochs. */
    boolean shouldStop(EpochSummary summary) {
        if (rule == null) {
            return false;
        }
        double value = rule.metric().of(summary);
        boolean improved = Double.isNaN(best) || (rule.metric().higherIsBetter()
                ? value > best + rule.minDelta() : value < best - rule.minDelta());
        if (improved) {
            best = value;
            stale = 0;
            return false;
        }
        return ++stale >= rule.patience();
    }

    /** Why training stopped, after {@link #shouldStop} said so. */
    String reason() {
        return "early stopping: " + rule.metric() + " did not improve for " + rule.patience() + " epochs (best "
                + best + ")";
    }
}
