package org.nnfs.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The epochs trained so far, in order (kept across resumed runs). */
public final class History {
    private final List<EpochSummary> epochs;
    private String stopReason = "";

    History(List<EpochSummary> earlier) {
        this.epochs = new ArrayList<>(earlier);
    }

    /** Every epoch so far. */
    public List<EpochSummary> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** The last epoch, or {@code null} before the first. */
    public EpochSummary last() {
        return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
    }

    /** Why the last {@code fit} stopped before its last epoch, or empty. */
    public String stopReason() {
        return stopReason;
    }

    void add(EpochSummary summary) {
        epochs.add(summary);
    }

    void stopReason(String reason) {
        stopReason = reason;
    }
}
