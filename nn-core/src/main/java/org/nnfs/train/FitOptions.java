package org.nnfs.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.nnfs.data.Dataset;

/**
 * How one {@link Trainer#fit} call runs: epochs, batch size and what happens to a partial last batch,
 * shuffling, validation (a separate set, or a split held out of the training set), a transform of the
 * training batches (augmentation), listeners and early stopping. Build with {@link #builder()}.
 */
public final class FitOptions {
    private final int epochs;
    private final int batchSize;
    private final boolean shuffle;
    private final Dataset validation;
    private final List<TrainingListener> listeners;
    private final EarlyStopping earlyStopping;
    private final double validationSplit;
    private final PartialBatch partialBatch;
    private final BatchTransform batchTransform;

    private FitOptions(Builder b) {
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.validation = b.validation;
        this.listeners = List.copyOf(b.listeners);
        this.earlyStopping = b.earlyStopping;
        this.validationSplit = b.validationSplit;
        this.partialBatch = b.partialBatch;
        this.batchTransform = b.batchTransform;
        if (validation != null && validationSplit > 0) {
            throw new IllegalArgumentException("give a validation set or a validation split, not both");
        }
        if (earlyStopping != null && earlyStopping.metric().needsValidation() && !validates()) {
            throw new IllegalArgumentException("early stopping on " + earlyStopping.metric().label().replace('_', ' ')
                    + " needs a validation set or split (FitOptions.Builder.validation or validationSplit)");
        }
    }

    /**
     * A builder with the defaults: 10 epochs, batch 32 with a partial last batch scaled
     * ({@link PartialBatch#SCALE}), shuffled, no validation, no transform.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Epochs to train in this call. */
    public int epochs() {
        return epochs;
    }

    /** Examples per batch (the last batch of an epoch may be smaller: see {@link #partialBatch()}). */
    public int batchSize() {
        return batchSize;
    }

    /** Whether each epoch visits the examples in a new random order. */
    public boolean shuffle() {
        return shuffle;
    }

    /** The validation set evaluated after each epoch, or {@code null}. */
    public Dataset validation() {
        return validation;
    }

    /**
     * The fraction of the training set held out for validation, in [0, 1) (0: none). The held-out examples
     * are drawn from the trainer's seed: the same ones every epoch, on every backend and after a resume.
     */
    public double validationSplit() {
        return validationSplit;
    }

    /** Whether each epoch ends with a validation: a validation set or split is given. */
    public boolean validates() {
        return validation != null || validationSplit > 0;
    }

    /** What an epoch does with a last batch smaller than the batch size. */
    public PartialBatch partialBatch() {
        return partialBatch;
    }

    /** The transform applied to every training batch, or {@code null}. */
    public BatchTransform batchTransform() {
        return batchTransform;
    }

    /** Listeners, in call order. */
    public List<TrainingListener> listeners() {
        return listeners;
    }

    /** Early stopping, or {@code null}. */
    public EarlyStopping earlyStopping() {
        return earlyStopping;
    }

    /** Collects {@link FitOptions}. */
    public static final class Builder {
        private int epochs = 10;
        private int batchSize = 32;
        private boolean shuffle = true;
        private Dataset validation;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private EarlyStopping earlyStopping;
        private double validationSplit;
        private PartialBatch partialBatch = PartialBatch.SCALE;
        private BatchTransform batchTransform;

        private Builder() {
        }

        /** Epochs to train, at least 1. */
        public Builder epochs(int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        /** Examples per batch, at least 1. */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Whether to shuffle every epoch (default true). */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** A validation set evaluated after each epoch. */
        public Builder validation(Dataset validation) {
            this.validation = validation;
            return this;
        }

        /**
         * Holds out {@code fraction} (in (0, 1)) of the training set, drawn from the trainer's seed, and
         * validates on it after each epoch instead of training on it.
         */
        public Builder validationSplit(double fraction) {
            if (!(fraction > 0 && fraction < 1)) {
                throw new IllegalArgumentException("validation split must be a fraction in (0, 1), got " + fraction);
            }
            this.validationSplit = fraction;
            return this;
        }

        /**
         * What to do with a last batch smaller than the batch size. The default, {@link PartialBatch#SCALE},
         * trains on every example without the noisy full-size step a small batch makes: on MNIST it matched
         * dropping the batch and beat keeping it as it is (README, "The partial last batch").
         */
        public Builder partialBatch(PartialBatch partialBatch) {
            this.partialBatch = Objects.requireNonNull(partialBatch, "partialBatch");
            return this;
        }

        /** Transforms every training batch (augmentation); see {@link BatchTransform}. */
        public Builder batchTransform(BatchTransform transform) {
            this.batchTransform = transform;
            return this;
        }

        /** Adds a listener. */
        public Builder listener(TrainingListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Stops early when the metric stalls. */
        public Builder earlyStopping(EarlyStopping earlyStopping) {
            this.earlyStopping = earlyStopping;
            return this;
        }

        /** The options. */
        public FitOptions build() {
            return new FitOptions(this);
        }
    }
}
