package org.nnfs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EarlyStoppingTrackerTest {

    private static EpochSummary epoch(int n, double validationLoss, double validationAccuracy) {
        return new EpochSummary(n, 1, 0.5, validationLoss, validationAccuracy, 1, 100);
    }

    @Test
    @DisplayName("lower-is-better metrics must improve by more than minDelta within patience epochs")
    void loss() {
        EarlyStoppingTracker t = new EarlyStoppingTracker(new EarlyStopping(EarlyStopping.Metric.VALIDATION_LOSS, 2, 0.1));
        assertFalse(t.shouldStop(epoch(1, 1.0, 0)));
        assertFalse(t.shouldStop(epoch(2, 0.95, 0)), "within minDelta: stale 1");
        assertFalse(t.shouldStop(epoch(3, 0.8, 0)), "improved by 0.2: stale 0");
        assertFalse(t.shouldStop(epoch(4, 0.85, 0)));
        assertTrue(t.shouldStop(epoch(5, 0.75, 0)), "0.05 better than the best is not enough");
        assertEquals("early stopping: VALIDATION_LOSS did not improve for 2 epochs (best 0.8)", t.reason());
    }

    @Test
    @DisplayName("accuracy is higher-is-better; without a rule nothing stops")
    void accuracyAndNone() {
        EarlyStoppingTracker t = new EarlyStoppingTracker(new EarlyStopping(EarlyStopping.Metric.VALIDATION_ACCURACY, 1, 0));
        assertFalse(t.shouldStop(epoch(1, 0, 0.5)));
        assertFalse(t.shouldStop(epoch(2, 0, 0.6)));
        assertTrue(t.shouldStop(epoch(3, 0, 0.6)));
        EarlyStoppingTracker none = new EarlyStoppingTracker(null);
        for (int i = 1; i < 100; i++) {
            assertFalse(none.shouldStop(epoch(i, 5, 0)));
        }
    }
}
