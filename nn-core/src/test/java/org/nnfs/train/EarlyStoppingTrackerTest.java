package org.nnfs.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.ReferenceBackend;
import org.nnfs.tensor.Tensor;

class EarlyStoppingTrackerTest {
    private final Backend backend = new ReferenceBackend();
    private final Sequential model = Sequential.builder(2).dense(2).build(backend);

    private static EpochSummary epoch(int n, double validationLoss, double validationAccuracy) {
        return new EpochSummary(n, 1, 0.5, validationLoss, validationAccuracy, 1, 100);
    }

    private EarlyStoppingTracker fresh(EarlyStopping rule) {
        return EarlyStoppingTracker.continuing(rule, Optional.empty(), model);
    }

    @Test
    @DisplayName("lower-is-better metrics must improve by more than minDelta within patience epochs")
    void loss() {
        EarlyStoppingTracker t = fresh(new EarlyStopping(EarlyStopping.Metric.VALIDATION_LOSS, 2, 0.1, false));
        assertFalse(t.update(epoch(1, 1.0, 0)));
        assertFalse(t.update(epoch(2, 0.95, 0)), "within minDelta: stale 1");
        assertFalse(t.update(epoch(3, 0.8, 0)), "improved by 0.2: stale 0");
        assertFalse(t.update(epoch(4, 0.85, 0)));
        assertTrue(t.update(epoch(5, 0.75, 0)), "0.05 better than the best is not enough");
        assertTrue(t.stopped());
        assertEquals("early stopping: validation loss did not improve for 2 epochs (best 0.800000 at epoch 3)",
                t.reason());
        EarlyStoppingState s = t.state();
        assertEquals(0.8, s.best());
        assertEquals(3, s.bestEpoch());
        assertEquals(2, s.stale());
        assertTrue(s.bestTensors().isEmpty(), "a rule that does not restore keeps no copy");
    }

    @Test
    @DisplayName("accuracy is higher-is-better")
    void accuracy() {
        EarlyStoppingTracker t = fresh(new EarlyStopping(EarlyStopping.Metric.VALIDATION_ACCURACY, 1, 0));
        assertFalse(t.update(epoch(1, 0, 0.5)));
        assertFalse(t.update(epoch(2, 0, 0.6)));
        assertTrue(t.update(epoch(3, 0, 0.6)));
    }

    @Test
    @DisplayName("restoring puts back the weights of the best epoch, which the state carries")
    void restoresTheBestWeights() {
        EarlyStoppingTracker t = fresh(EarlyStopping.onValidationLoss(5));
        Tensor w = model.tensors().get(0).value();
        backend.copyFrom(new float[] {1, 2, 3, 4}, w);
        t.update(epoch(1, 0.5, 0));
        backend.copyFrom(new float[] {9, 9, 9, 9}, w);
        t.update(epoch(2, 0.7, 0));
        t.restoreBest();
        assertArrayEquals(new float[] {1, 2, 3, 4}, w.toFloatArray());
        List<Tensor> best = t.state().bestTensors();
        assertEquals(model.tensors().size(), best.size());

        EarlyStoppingTracker continued = EarlyStoppingTracker.continuing(EarlyStopping.onValidationLoss(5),
                Optional.of(t.state()), model);
        backend.copyFrom(new float[] {7, 7, 7, 7}, w);
        continued.restoreBest();
        assertArrayEquals(new float[] {1, 2, 3, 4}, w.toFloatArray(), "the same rule continues the saved progress");
        assertEquals(1, continued.state().stale());

        EarlyStoppingTracker other = EarlyStoppingTracker.continuing(EarlyStopping.onValidationLoss(6),
                Optional.of(t.state()), model);
        assertEquals(0, other.state().bestEpoch(), "another rule starts afresh");
    }
}
