package org.nnfs.train;

import java.util.Objects;

/**
 * How a run cuts its training set into batches, recorded with its first epoch: continuing the run with
 * any other value would visit other examples in another order, so {@link Trainer#fit} refuses it.
 *
 * @param batchSize       examples per batch, at least 1
 * @param trainingSetSize examples in the training set given to {@code fit}, holdout included, at least 1
 * @param validationSplit the fraction of them held out for validation, in [0, 1) (0: none)
 * @param partialBatch    what happens to the last batch when it is smaller than the others
 */
public record Batching(int batchSize, int trainingSetSize, double validationSplit, PartialBatch partialBatch) {

    /** Validates the values. */
    public Batching {
        Objects.requireNonNull(partialBatch, "partialBatch");
        if (batchSize < 1 || trainingSetSize < 1) {
            throw new IllegalArgumentException("batch size and training-set size must be at least 1, got " + batchSize
                    + " and " + trainingSetSize);
        }
        if (!(validationSplit >= 0 && validationSplit < 1)) {
            throw new IllegalArgumentException("validation split must be in [0, 1), got " + validationSplit);
        }
    }
}
