package org.nnfs.train;

import java.util.Objects;

/**
 * Stops training when a monitored metric has not improved by more than {@code minDelta} for
 * {@code patience} epochs in a row, like Keras' {@code EarlyStopping} callback.
 *
 * @param metric   what to watch; validation metrics need a validation set
 * @param patience epochs without improvement to tolerate, at least 1
 * @param minDelta the smallest change that counts as improvement, at least 0
 */
public record EarlyStopping(Metric metric, int patience, double minDelta) {

    /** The metrics early stopping can watch. */
    public enum Metric {
        /** Validation loss, lower is better. */
        VALIDATION_LOSS,
        /** Validation accuracy, higher is better. */
        VALIDATION_ACCURACY,
        /** Training loss, lower is better. */
        TRAIN_LOSS;

        double of(EpochSummary s) {
            switch (this) {
                case VALIDATION_LOSS: return s.validationLoss();
                case VALIDATION_ACCURACY: return s.validationAccuracy();
                default: return s.trainLoss();
            }
        }

        boolean higherIsBetter() {
            return this == VALIDATION_ACCURACY;
        }
    }

    /** Validates the settings. */
    public EarlyStopping {
        Objects.requireNonNull(metric, "metric");
        if (patience < 1) {
            throw new IllegalArgumentException("early stopping: patience must be at least 1, got " + patience);
        }
        if (!(minDelta >= 0)) {
            throw new IllegalArgumentException("early stopping: minDelta must be >= 0, got " + minDelta);
        }
    }

    /** Stop after {@code patience} epochs without the validation loss improving. */
    public static EarlyStopping onValidationLoss(int patience) {
        return new EarlyStopping(Metric.VALIDATION_LOSS, patience, 0);
    }
}
