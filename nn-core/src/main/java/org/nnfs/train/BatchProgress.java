package org.nnfs.train;

/**
 * Progress within an epoch, handed to {@link TrainingListener#onBatch} after every batch.
 *
 * <p>One instance is reused for the whole run, so that reporting allocates nothing: read it during the
 * call and copy what you want to keep.
 */
public final class BatchProgress {
    int epoch;
    int epochs;
    int batch;
    int batches;
    int samples;
    int epochSamples;
    double batchLoss;
    double lossSum;
    double learningRate;
    long startNanos;
    long nowNanos;

    BatchProgress() {
    }

    /** 1-based epoch number over the whole training. */
    public int epoch() {
        return epoch;
    }

    /** The epoch number training stops after, unless stopped early. */
    public int epochs() {
        return epochs;
    }

    /** 1-based batch number within the epoch. */
    public int batch() {
        return batch;
    }

    /** Batches in this epoch. */
    public int batches() {
        return batches;
    }

    /** Examples trained on so far in this epoch. */
    public int samples() {
        return samples;
    }

    /** Examples in the whole epoch. */
    public int epochSamples() {
        return epochSamples;
    }

    /** Mean loss of the last batch. */
    public double batchLoss() {
        return batchLoss;
    }

    /** The learning rate of the last batch's step (the schedule's, warm-up included). */
    public double learningRate() {
        return learningRate;
    }

    /** Mean loss over this epoch's examples so far. */
    public double runningLoss() {
        return samples == 0 ? Double.NaN : lossSum / samples;
    }

    /** Seconds since the epoch started. */
    public double elapsedSeconds() {
        return (nowNanos - startNanos) / 1e9;
    }

    /** Examples per second in this epoch so far. */
    public double samplesPerSecond() {
        double s = elapsedSeconds();
        return s > 0 ? samples / s : 0;
    }
}
