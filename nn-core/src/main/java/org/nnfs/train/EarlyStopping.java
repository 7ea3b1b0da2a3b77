package org.nnfs.train;

import java.util.Objects;

/**
 * Stops training when a monitored metric has not improved by more than {@code minDelta} for
 * {@code patience} epochs in a row, like Keras' {@code EarlyStopping} callback. With
 * {@code restoreBest}, the model ends each {@code fit} (stopped early or not) with the weights of its
 * best epoch; the trainer keeps a copy of them, saved in checkpoints, so a resumed run restores the same.
 *
 * @param metric      what to watch; validation metrics need a validation set or split
 * @param patience    epochs without improvement to tolerate, at least 1
 * @param minDelta    the smallest change that counts as improvement, at least 0
 * @param restoreBest whether to end with the best epoch's weights rather than the last epoch's
 */
public record EarlyStopping(Metric metric, int patience, double minDelta, boolean restoreBest) {

    /** The metrics early stopping can watch. */
    public enum Metric {
        /** Validation loss, lower is better. */
        VALIDATION_LOSS("validation_loss"),
        /** Validation accuracy, higher is better. */
        VALIDATION_ACCURACY("validation_accuracy"),
        /** Training loss, lower is better. */
        TRAIN_LOSS("train_loss");

        private final String label;

        Metric(String label) {
            this.label = label;
        }

        /** The lower-case name used in model files and messages. */
        public String label() {
            return label;
        }

        /** The metric named {@code label}. */
        public static Metric of(String label) {
            for (Metric m : values()) {
                if (m.label.equals(label)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown early-stopping metric '" + label
                    + "'; expected validation_loss, validation_accuracy or train_loss");
        }

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

        boolean needsValidation() {
            return this != TRAIN_LOSS;
        }
    }

    /** Validates the settings. */
    public EarlyStopping {
        Objects.requireNonNull(metric, "metric");
        if (patience < 1) {
            throw new IllegalArgumentException("early stopping: patience must be at least 1, got " + patience);
        }
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("early stopping: minDelta must be >= 0 and finite, got " + minDelta);
        }
    }

    /** Early stopping that restores the best epoch's weights at the end. */
    public EarlyStopping(Metric metric, int patience, double minDelta) {
        this(metric, patience, minDelta, true);
    }

    /** Stop after {@code patience} epochs without the validation loss improving; end with the best weights. */
    public static EarlyStopping onValidationLoss(int patience) {
        return new EarlyStopping(Metric.VALIDATION_LOSS, patience, 0, true);
    }
}
