package org.nnfs.train;

/**
 * Training produced a loss that is not a finite number: the learning rate is usually too high. The
 * message names the epoch and the batch; nothing saved before is touched.
 */
public class TrainingDivergedException extends RuntimeException {
    private final int epoch;
    private final int batch;

    /** The loss of batch {@code batch} (1-based) of epoch {@code epoch} was {@code loss}. */
    public TrainingDivergedException(int epoch, int batch, int batches, double loss) {
        super("Training diverged: the loss became " + loss + " at epoch " + epoch + ", batch " + batch + " of "
                + batches + ". Lower the learning rate (or check the data for NaN/infinite values).");
        this.epoch = epoch;
        this.batch = batch;
    }

    /** 1-based epoch where the loss stopped being finite. */
    public int epoch() {
        return epoch;
    }

    /** 1-based batch within that epoch. */
    public int batch() {
        return batch;
    }
}
