package org.nnfs.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.nnfs.data.Dataset;

/**
 * How one {@link Trainer#fit} call runs: epochs, batch size, shuffling, validation, listeners and
 * early stopping. Build with {@link #builder()}.
 */
public final class FitOptions {
    private final int epochs;
    private final int batchSize;
    private final boolean shuffle;
    private final Dataset validation;
    private final List<TrainingListener> listeners;
    private final EarlyStopping earlyStopping;

    private FitOptions(Builder b) {
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.validation = b.validation;
        this.listeners = List.copyOf(b.listeners);
        this.earlyStopping = b.earlyStopping;
        if (earlyStopping != null && earlyStopping.metric() != EarlyStopping.Metric.TRAIN_LOSS && validation == null) {
            throw new IllegalArgumentException("early stopping on " + earlyStopping.metric()
                    + " needs a validation set (FitOptions.Builder.validation)");
        }
    }

    /** A builder with the defaults: 10 epochs, batch 32, shuffled, no validation. */
    public static Builder builder() {
        return new Builder();
    }

    /** Epochs to train in this call. */
    public int epochs() {
        return epochs;
    }

    /** Examples per batch (the last batch of an epoch may be smaller). */
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
