package org.nnfs.train;

/**
 * What one epoch achieved.
 *
 * @param epoch              1-based, counted over the whole training (a resumed run continues the count)
 * @param trainLoss          mean loss over the epoch's examples, as measured on each batch while training
 * @param trainAccuracy      fraction of the epoch's examples classified right while training (NaN without labels)
 * @param validationLoss     loss on the validation set after the epoch (NaN without one)
 * @param validationAccuracy accuracy on the validation set after the epoch (NaN without one or without labels)
 * @param seconds            wall time of the epoch including validation
 * @param samplesPerSecond   training examples per second (validation excluded)
 */
public record EpochSummary(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                           double validationAccuracy, double seconds, double samplesPerSecond) {
}
